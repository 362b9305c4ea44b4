// The user's part of the script really runs here, with bash, under a temporary folder
// standing for the instance's /var/lib/spawn, /var/log and /etc/motd: what the user wrote
// must arrive byte for byte, run the way the contract says, and never be expanded.
#include "core/launch_user_data.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "platform/process.hpp"
#include "temp_dir.hpp"

namespace spawn {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr std::chrono::seconds kBackgroundDeadline{10};

// Every spelling that would break out of an unquoted or badly chosen heredoc.
constexpr std::string_view kHostile =
    "exit 0\n"
    "echo '$(touch pwned)' \"$(touch pwned)\" `touch pwned` $HOME ${PATH}\n"
    "SPAWN_MOTD\nSPAWN_USER_DATA\nSPAWN_USER_DATA_1\nSPAWN_COMMAND\n"
    "'\"\\\n\ttab-indented\n";

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Waits (with a deadline) until `path` contains `expected`; its content then.
std::string wait_for_text(const fs::path& path, std::string_view expected) {
  auto deadline = std::chrono::steady_clock::now() + kBackgroundDeadline;
  while (read_all(path).find(expected) == std::string::npos &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return read_all(path);
}

class UserWork : public ::testing::Test {
 protected:
  UserWork() {
    layout_.spawn_dir = (dir_.path() / "var/lib/spawn").string();
    layout_.log_dir = (dir_.path() / "var/log").string();
    layout_.motd_file = dir_.folder("etc").string() + "/motd";
  }

  // Renders the user's part for `input` and runs it with bash in the temporary folder.
  platform::ProcessResult run(const UserDataInput& input) {
    auto script = user_work_script(input, layout_);
    EXPECT_TRUE(script) << script.error().message;
    auto file = dir_.write("user-work.sh", "set -euo pipefail\ncd " + dir_.path().string() + "\n" +
                                               script.value_or(""));
    auto ran = platform::run_process({"bash", file.string()}, {});
    EXPECT_TRUE(ran) << ran.error().message;
    return ran.value_or(platform::ProcessResult{});
  }
  fs::path spawn_file(std::string_view name) const { return fs::path(layout_.spawn_dir) / name; }
  fs::path log_file(std::string_view name) const { return fs::path(layout_.log_dir) / name; }

  testing::TempDir dir_;
  InstanceLayout layout_;
};

TEST_F(UserWork, HostileTextArrivesVerbatimAndNothingIsExpanded) {
  UserDataInput input;
  input.user_script = std::string(kHostile);
  input.command = std::string(kHostile);
  input.motd.name = "SPAWN_MOTD\n$(touch pwned)";
  input.command_user = "no-such-user-here";
  auto ran = run(input);
  ASSERT_EQ(ran.exit_code, 0) << ran.error_output;

  EXPECT_EQ(read_all(spawn_file("user-data")), kHostile);
  EXPECT_EQ(read_all(spawn_file("command.sh")), kHostile);
  EXPECT_THAT(read_all(layout_.motd_file),
              HasSubstr("Name:              SPAWN_MOTD\n$(touch pwned)\n"));
  EXPECT_FALSE(fs::exists(dir_.path() / "pwned"));
}

TEST_F(UserWork, AFinalNewlineIsAddedWhenMissing) {
  UserDataInput input;
  input.user_script = "true";
  ASSERT_EQ(run(input).exit_code, 0);
  EXPECT_EQ(read_all(spawn_file("user-data")), "true\n");
}

TEST_F(UserWork, UserDataRunsByItsOwnShebangOrWithBash) {
  auto marker = dir_.path() / "interpreter";
  UserDataInput perl;
  perl.user_script =
      "#!/usr/bin/perl\nopen(my $f, '>', '" + marker.string() + "'); print $f 'perl';\n";
  ASSERT_EQ(run(perl).exit_code, 0);
  EXPECT_EQ(read_all(marker), "perl");

  UserDataInput plain;
  plain.user_script = "echo -n \"bash $BASH_VERSION\" > '" + marker.string() + "'\n";
  ASSERT_EQ(run(plain).exit_code, 0);
  EXPECT_THAT(read_all(marker), StartsWith("bash 5"));
  EXPECT_EQ(fs::status(spawn_file("user-data")).permissions() & fs::perms::all, fs::perms(0700));
}

TEST_F(UserWork, AFailingUserDataIsLoggedAndTheCommandStillStarts) {
  UserDataInput input;
  input.user_script = "echo setting up\nexit 3\n";
  input.command = "echo command ran";
  input.command_user = "no-such-user-here";
  auto ran = run(input);
  EXPECT_EQ(ran.exit_code, 0) << "a failing --user-data must not fail the bootstrap";
  EXPECT_THAT(ran.error_output, HasSubstr("exited with status 3"));
  auto log = read_all(log_file("spawn-user-data.log"));
  EXPECT_THAT(log, HasSubstr("setting up\n"));
  EXPECT_THAT(log, HasSubstr("the --user-data script exited with status 3"));
  EXPECT_THAT(wait_for_text(log_file("spawn-command.log"), "command ran"),
              HasSubstr("command ran"));
}

TEST_F(UserWork, CommandRunsInTheBackgroundWithUsrLocalBinOnPath) {
  auto release = dir_.path() / "release";
  UserDataInput input;
  input.command = "echo \"path=$PATH\"\nwhile [ ! -e '" + release.string() +
                  "' ]; do sleep 0.02; done\necho released\n";
  input.command_user = "no-such-user-here";
  auto ran = run(input);  // returns although the command is still waiting
  ASSERT_EQ(ran.exit_code, 0) << ran.error_output;
  std::ofstream(release) << "go";

  auto log = wait_for_text(log_file("spawn-command.log"), "released");
  EXPECT_THAT(log,
              HasSubstr("this image has no user no-such-user-here; running --command as root"));
  EXPECT_THAT(log, HasSubstr("path=/usr/local/bin:"));
  EXPECT_THAT(log, HasSubstr("released\n"));
}

TEST_F(UserWork, CommandRunsAsTheDefaultUserWhenItExists) {
  if (::geteuid() != 0)
    GTEST_SKIP() << "runuser needs root; the root fallback is covered by the other tests";
  UserDataInput input;
  input.command = "echo \"user=$(id -un) login=$0\"";
  input.command_user = "root";
  ASSERT_EQ(run(input).exit_code, 0);
  auto log = wait_for_text(log_file("spawn-command.log"), "user=");
  EXPECT_THAT(log, HasSubstr("user=root"));
  EXPECT_THAT(log, Not(HasSubstr("has no user")));
}

TEST_F(UserWork, BannerTellsHowToSeeAndExtendTheLimits) {
  UserDataInput input;
  input.motd = {.name = "trainer", .ttl = "8h", .idle_timeout = "1h", .on_complete = "terminate"};
  ASSERT_EQ(run(input).exit_code, 0);
  auto motd = read_all(layout_.motd_file);
  EXPECT_THAT(motd, HasSubstr("launched by spawn"));
  EXPECT_THAT(motd, HasSubstr("TTL 8h, idle timeout 1h, on completion terminate"));
  EXPECT_THAT(motd, HasSubstr("sudo spored status"));
  EXPECT_THAT(motd, HasSubstr("spawn extend trainer <duration>"));

  UserDataInput unnamed;
  ASSERT_EQ(run(unnamed).exit_code, 0);
  EXPECT_THAT(read_all(layout_.motd_file), HasSubstr("spawn extend <instance-id> <duration>"));
  EXPECT_THAT(read_all(layout_.motd_file), Not(HasSubstr("Limits at launch")));
}

TEST_F(UserWork, AnUnwritableBannerDoesNotStopTheWork) {
  layout_.motd_file = (dir_.path() / "no-such-folder/motd").string();
  UserDataInput input;
  input.user_script = "echo still here";
  auto ran = run(input);
  EXPECT_EQ(ran.exit_code, 0);
  EXPECT_THAT(ran.error_output, HasSubstr("continuing without the login banner"));
  EXPECT_THAT(read_all(log_file("spawn-user-data.log")), HasSubstr("still here"));
}

TEST(LaunchUserData, InstallsTheAgentBeforeAnythingOfTheUsers) {
  UserDataInput input;
  input.agent = {"https://agent.example/spored?sig=1", std::string(64, 'a')};
  input.user_script = "echo mine";
  input.command = "echo work";
  auto script = launch_user_data(input);
  ASSERT_TRUE(script) << script.error().message;
  EXPECT_THAT(*script, StartsWith("#!/bin/bash\n"));
  auto strict = script->find("set -euo pipefail\n");
  auto agent = script->find("systemctl enable --now spored");
  auto banner = script->find("SPAWN_MOTD");
  auto user_data = script->find("SPAWN_USER_DATA");
  auto command = script->find("SPAWN_COMMAND");
  ASSERT_NE(agent, std::string::npos);
  EXPECT_LT(strict, agent);
  EXPECT_LT(agent, banner);
  EXPECT_LT(banner, user_data);
  EXPECT_LT(user_data, command);
}

TEST(LaunchUserData, HoldsNoKeyAndCreatesNoUser) {
  UserDataInput input;
  input.agent = {"https://agent.example/spored", std::string(64, 'a')};
  input.command = "make";
  auto script = launch_user_data(input);
  ASSERT_TRUE(script);
  for (std::string_view absent : {"useradd", "authorized_keys", "sudoers", "ssh-rsa"})
    EXPECT_THAT(*script, Not(HasSubstr(absent)));
}

// A --user-data of `size` bytes (a comment line).
UserDataInput with_user_script(std::size_t size) {
  UserDataInput input;
  input.agent = {"https://agent.example/spored", std::string(64, 'a')};
  input.user_script = "#" + std::string(size - 2, 'x') + "\n";
  return input;
}

TEST(LaunchUserData, SixteenKilobytesIsTheLimitExactly) {
  auto base = launch_user_data(with_user_script(2));
  ASSERT_TRUE(base);
  std::size_t fitting = kMaxUserDataBytes - base->size() + 2;
  auto largest = launch_user_data(with_user_script(fitting));
  ASSERT_TRUE(largest) << largest.error().message;
  EXPECT_EQ(largest->size(), kMaxUserDataBytes);

  auto over = launch_user_data(with_user_script(fitting + 1));
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().kind, ErrorKind::usage);
  EXPECT_THAT(over.error().message, HasSubstr("would be 16385 bytes"));
  EXPECT_THAT(over.error().message, HasSubstr("at most 16384"));
  EXPECT_THAT(over.error().hint, HasSubstr("shorten --command"));
}

TEST(LaunchUserData, TheEarlyCheckKeepsRoomForTheAgentUrl) {
  auto base = launch_user_data(with_user_script(2));
  ASSERT_TRUE(base);
  auto fits_only_with_short_url =
      with_user_script(kMaxUserDataBytes - base->size() + 2 - kAgentUrlAllowance / 2);
  EXPECT_TRUE(launch_user_data(fits_only_with_short_url));
  auto early = check_user_data_fits(fits_only_with_short_url);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().kind, ErrorKind::usage);

  auto small = with_user_script(100);
  small.agent = {};
  EXPECT_TRUE(check_user_data_fits(small));
}

TEST(LaunchUserData, RefusesWhatCannotRunAsAScript) {
  UserDataInput cloud_config;
  cloud_config.user_script = "#cloud-config\npackages: [git]\n";
  EXPECT_EQ(launch_user_data(cloud_config).error().kind, ErrorKind::usage);

  UserDataInput binary;
  binary.user_script = std::string("ab\0cd", 5);
  EXPECT_EQ(launch_user_data(binary).error().kind, ErrorKind::usage);

  UserDataInput odd_user;
  odd_user.command = "true";
  odd_user.command_user = "ec2-user; reboot";
  EXPECT_EQ(launch_user_data(odd_user).error().kind, ErrorKind::usage);
}

}  // namespace
}  // namespace spawn
