#include "platform/process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pthread.h>
#include <signal.h>

#include <chrono>

namespace spawn::platform {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(RunProcess, CapturesStandardOutputAndExitCodeZero) {
  auto result = run_process({"echo", "hello", "world"}, {});
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->exit_code, 0);
  EXPECT_EQ(result->output, "hello world\n");
  EXPECT_THAT(result->error_output, IsEmpty());
}

TEST(RunProcess, ReportsNonZeroExitWithStandardErrorSeparately) {
  auto result = run_process({"sh", "-c", "echo out; echo oops >&2; exit 3"}, {});
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->exit_code, 3);
  EXPECT_EQ(result->output, "out\n");
  EXPECT_EQ(result->error_output, "oops\n");
}

TEST(RunProcess, ReportsDeathBySignalAsShellsDo) {
  auto result = run_process({"sh", "-c", "kill -9 $$"}, {});
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->exit_code, 128 + 9);
}

TEST(RunProcess, ChildStartsWithNoSignalsBlockedWhateverTheCallerBlocks) {
  sigset_t blocked;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGTERM);
  sigset_t before;
  ::pthread_sigmask(SIG_BLOCK, &blocked, &before);
  auto result = run_process({"sh", "-c", "kill -TERM $$; echo survived"}, {});
  ::pthread_sigmask(SIG_SETMASK, &before, nullptr);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->exit_code, 128 + SIGTERM);
  EXPECT_EQ(result->output, "");
}

TEST(RunProcess, PassesArgumentsWithoutAShell) {
  auto result = run_process({"printf", "%s|", "a b", "$HOME", "*"}, {});
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->output, "a b|$HOME|*|");
}

TEST(RunProcess, KillsAProgramThatRunsPastTheTimeout) {
  ProcessOptions options;
  options.timeout = std::chrono::milliseconds(200);
  auto started = std::chrono::steady_clock::now();
  auto result = run_process({"sleep", "30"}, options);
  auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ErrorKind::timeout);
  EXPECT_THAT(result.error().message, HasSubstr("sleep"));
  EXPECT_LT(took, std::chrono::seconds(10));
}

TEST(RunProcess, TimeoutAlsoAppliesAfterTheChildClosesItsOutput) {
  ProcessOptions options;
  options.timeout = std::chrono::milliseconds(200);
  auto result = run_process({"sh", "-c", "exec >&- 2>&-; sleep 30"}, options);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ErrorKind::timeout);
}

TEST(RunProcess, MissingProgramIsAClearNotFoundError) {
  auto result = run_process({"spawn-no-such-program-xyz"}, {});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ErrorKind::not_found);
  EXPECT_THAT(result.error().message, HasSubstr("spawn-no-such-program-xyz"));
}

TEST(RunProcess, EmptyCommandIsAUsageError) {
  auto result = run_process({}, {});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ErrorKind::usage);
}

TEST(RunProcess, BoundsCapturedOutputButLetsTheChildFinish) {
  ProcessOptions options;
  options.max_output_bytes = 1000;
  auto result = run_process({"sh", "-c", "head -c 200000 /dev/zero; echo done >&2"}, options);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->exit_code, 0);
  EXPECT_EQ(result->output.size(), 1000u);
  EXPECT_TRUE(result->output_truncated);
  EXPECT_EQ(result->error_output, "done\n");
}

TEST(RunProcess, ChildReadsEndOfFileFromNullStdin) {
  auto result = run_process({"cat"}, {});
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->exit_code, 0);
  EXPECT_THAT(result->output, IsEmpty());
}

TEST(SplitCommandLine, SplitsOnBlanksAndDropsExtraOnes) {
  auto words = split_command_line("  /usr/bin/tool  --flag\tvalue  ");
  ASSERT_TRUE(words.has_value());
  EXPECT_THAT(*words, ElementsAre("/usr/bin/tool", "--flag", "value"));
}

TEST(SplitCommandLine, KeepsQuotedTextTogether) {
  auto words = split_command_line(R"(tool 'a b' "c d" e'f g'h "")");
  ASSERT_TRUE(words.has_value());
  EXPECT_THAT(*words, ElementsAre("tool", "a b", "c d", "ef gh", ""));
}

TEST(SplitCommandLine, HandlesBackslashesLikeAShell) {
  auto words = split_command_line(R"(a\ b "say \"hi\" \\ \n" 'no \escape')");
  ASSERT_TRUE(words.has_value());
  EXPECT_THAT(*words, ElementsAre("a b", R"(say "hi" \ \n)", R"(no \escape)"));
}

TEST(SplitCommandLine, EmptyInputHasNoWords) {
  auto words = split_command_line("   ");
  ASSERT_TRUE(words.has_value());
  EXPECT_THAT(*words, IsEmpty());
}

TEST(SplitCommandLine, UnterminatedQuotesAreUsageErrors) {
  for (const char* command : {"tool 'open", "tool \"open", "tool \"a\\\""}) {
    auto words = split_command_line(command);
    ASSERT_FALSE(words.has_value()) << command;
    EXPECT_EQ(words.error().kind, ErrorKind::usage);
    EXPECT_THAT(words.error().message, HasSubstr("unterminated")) << command;
  }
}

TEST(SplitCommandLine, TrailingBackslashIsAUsageError) {
  auto words = split_command_line("tool \\");
  ASSERT_FALSE(words.has_value());
  EXPECT_EQ(words.error().kind, ErrorKind::usage);
}

}  // namespace
}  // namespace spawn::platform
