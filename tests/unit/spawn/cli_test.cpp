// The command line in-process: parsing, help, dispatch and exit codes. Commands that
// call AWS are exercised against the real binary in spawn_binary_test.cpp.
#include "spawn/cli.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "core/version.hpp"
#include "gettext_tools.hpp"

namespace spawn::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

Outcome run_spawn(std::vector<std::string> args, MapEnvironment env = MapEnvironment()) {
  std::ostringstream out, err;
  int exit_code = run(std::move(args), env, {out, err});
  return {exit_code, out.str(), err.str()};
}

TEST(Cli, HelpListsEveryCommandWithItsSummary) {
  auto outcome = run_spawn({"--help"});
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_THAT(outcome.out, HasSubstr("version"));
  EXPECT_THAT(outcome.out, HasSubstr("Print the version of spawn"));
  EXPECT_THAT(outcome.out, HasSubstr("whoami"));
  EXPECT_THAT(outcome.out, HasSubstr("--profile"));
  EXPECT_THAT(outcome.err, IsEmpty());
}

using CliText = testing::PseudoLocalised;

TEST_F(CliText, EveryLineOfHelpComesFromTheCatalog) {
  for (auto args : {std::vector<std::string>{"--help"}, std::vector<std::string>{"help", "whoami"},
                    std::vector<std::string>{"help", "help"}}) {
    std::istringstream lines(run_spawn(args).out);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty()) {
        EXPECT_THAT(line, HasSubstr("«")) << "not translatable: " << line;
      }
    }
  }
}

TEST(Cli, NoCommandShowsTheOverview) {
  auto outcome = run_spawn({});
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_THAT(outcome.out, HasSubstr("whoami"));
}

TEST(Cli, VersionCommandAndFlagPrintTheVersion) {
  std::string expected = "spawn " + std::string(kVersion) + "\n";
  EXPECT_EQ(run_spawn({"version"}).out, expected);
  EXPECT_EQ(run_spawn({"--version"}).out, expected);
}

TEST(Cli, CommandHelpShowsItsOwnFlags) {
  for (auto args :
       {std::vector<std::string>{"whoami", "--help"}, std::vector<std::string>{"help", "whoami"}}) {
    auto outcome = run_spawn(args);
    EXPECT_EQ(outcome.exit_code, 0);
    EXPECT_THAT(outcome.out, HasSubstr("Usage: spawn whoami"));
    EXPECT_THAT(outcome.out, HasSubstr("--output"));
  }
}

TEST(Cli, CommandHelpListsItsSubcommands) {
  auto outcome = run_spawn({"agent", "--help"});
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_THAT(outcome.out, HasSubstr("Usage: spawn agent [flags] <COMMAND>"));
  EXPECT_THAT(outcome.out, HasSubstr("publish"));
  EXPECT_THAT(outcome.out, HasSubstr("Upload spored to this account's agent bucket"));
}

TEST(Cli, UnknownCommandIsAUsageError) {
  auto outcome = run_spawn({"nosuch"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_THAT(outcome.err, HasSubstr("unknown command `nosuch`"));
  EXPECT_THAT(outcome.err, HasSubstr("spawn --help"));
  EXPECT_THAT(outcome.out, IsEmpty());
}

TEST(Cli, UnknownFlagIsAUsageError) {
  auto outcome = run_spawn({"--bogus"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_THAT(outcome.err, HasSubstr("--bogus"));
}

TEST(Cli, BadFlagValueIsAUsageError) {
  auto outcome = run_spawn({"whoami", "--output", "xml"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_THAT(outcome.err, HasSubstr("xml"));
}

TEST(Cli, HelpForAnUnknownCommandIsAUsageError) {
  auto outcome = run_spawn({"help", "nosuch"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_THAT(outcome.err, HasSubstr("nosuch"));
}

TEST(Cli, NoEmojiGivesTextSymbols) {
  EXPECT_TRUE(run_spawn({"--no-emoji", "nosuch"}).err.starts_with("[✗] "));
  MapEnvironment accessible;
  accessible.set("SPAWN_ACCESSIBILITY", "1");
  EXPECT_TRUE(run_spawn({"nosuch"}, accessible).err.starts_with("[✗] "));
  EXPECT_TRUE(run_spawn({"nosuch"}).err.starts_with("❌ "));
}

TEST(Cli, AnAwsCommandWithNoRegionSaysHowToSetOne) {
  auto outcome =
      run_spawn({"whoami"},
                MapEnvironment({{"HOME", "/nonexistent"}, {"AWS_EC2_METADATA_DISABLED", "true"}}));
  EXPECT_NE(outcome.exit_code, 0);
  EXPECT_THAT(outcome.err, HasSubstr("region"));
  EXPECT_THAT(outcome.out, IsEmpty());
}

TEST(Cli, GlobalFlagsAlsoWorkAfterTheCommand) {
  // With the region given after the command, the next thing missing is credentials.
  auto outcome =
      run_spawn({"whoami", "--region", "eu-west-1", "--no-emoji"},
                MapEnvironment({{"HOME", "/nonexistent"}, {"AWS_EC2_METADATA_DISABLED", "true"}}));
  EXPECT_EQ(outcome.exit_code, 1) << outcome.err;
  EXPECT_THAT(outcome.err, HasSubstr("no AWS credentials found"));
  EXPECT_TRUE(outcome.err.starts_with("[✗] ")) << outcome.err;
}

TEST(Cli, LangFlagIsAcceptedInBothForms) {
  EXPECT_EQ(run_spawn({"--lang", "es", "version"}).exit_code, 0);
  EXPECT_EQ(run_spawn({"--lang=de", "version"}).exit_code, 0);
}

TEST(MessageLanguage, TheLangFlagWinsOverTheEnvironment) {
  MapEnvironment env;
  env.set("LANG", "fr_FR.UTF-8");
  EXPECT_EQ(message_language({"--lang", "es", "--help"}, env), "es");
  EXPECT_EQ(message_language({"whoami", "--lang=de_DE"}, env), "de");
  EXPECT_EQ(message_language({"--help"}, env), "fr");
  EXPECT_EQ(message_language({"--lang"}, MapEnvironment()), "en");
}

TEST(Cli, ErrorsGoToStderrNotStdout) {
  auto outcome = run_spawn({"whoami", "extra"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_THAT(outcome.out, IsEmpty());
  EXPECT_THAT(outcome.err, Not(IsEmpty()));
}

}  // namespace
}  // namespace spawn::cli
