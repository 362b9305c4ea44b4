#include "spored/sensors/completion_signal.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "sensor_test_support.hpp"

namespace spawn::spored {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

CompletionSignal signal_with(std::string status, std::string message, std::string note = {}) {
  return CompletionSignal{
      .status = std::move(status), .message = std::move(message), .note = std::move(note)};
}

std::string repeated(std::string_view piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i)
    out += piece;
  return out;
}

TEST(ParseCompletion, EmptyOrBlankContentIsAPlainSignal) {
  EXPECT_EQ(parse_completion(""), CompletionSignal{});
  EXPECT_EQ(parse_completion(" \n\t\n"), CompletionSignal{});
}

TEST(ParseCompletion, WhatSporedCompleteWrites) {
  auto parsed = parse_completion(
      "{\n  \"message\": \"Build completed\",\n  \"status\": \"success\",\n"
      "  \"timestamp\": \"2026-11-27T03:00:00+00:00\"\n}\n");
  EXPECT_EQ(parsed, signal_with("success", "Build completed"));
  EXPECT_EQ(parse_completion(R"({"status":"failed"})"), signal_with("failed", ""));
}

TEST(ParseCompletion, MembersThatAreNotStringsAreIgnored) {
  EXPECT_EQ(parse_completion(R"({"status":1,"message":{"text":"x"}})"), CompletionSignal{});
}

TEST(ParseCompletion, OtherContentCountsWithANoteThatNeverQuotesIt) {
  const std::string secret = "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG";
  for (const std::string& content : std::vector<std::string>{
           secret, "done\n", "[\"" + secret + "\"]", "\"done\"", R"({"status":"ok"} trailing)"}) {
    auto parsed = parse_completion(content);
    EXPECT_EQ(parsed.status, "") << content;
    EXPECT_EQ(parsed.message, "") << content;
    EXPECT_THAT(parsed.note, HasSubstr("content ignored")) << content;
    EXPECT_THAT(parsed.note, Not(HasSubstr("done"))) << content;
    EXPECT_THAT(parsed.note, Not(HasSubstr("wJalr"))) << content;
  }
}

TEST(ParseCompletion, ControlCharactersBecomeSpacesAndEndsAreTrimmed) {
  auto parsed =
      parse_completion(R"({"status":"  ok\n","message":"line 1\nline 2\t\u001b[31m\u0085x"})");
  EXPECT_EQ(parsed, signal_with("ok", "line 1 line 2  [31m x"));
}

TEST(ParseCompletion, LongTextIsCutToWholeCharacters) {
  auto ascii = parse_completion(R"({"message":")" + repeated("a", 300) + R"("})");
  EXPECT_EQ(ascii.message, repeated("a", kLongestCompletionText));
  // "é" is two bytes: the cut keeps 256 whole characters, never half of one.
  auto accented = parse_completion(R"({"status":"x)" + repeated("é", 300) + R"("})");
  EXPECT_EQ(accented.status, "x" + repeated("é", kLongestCompletionText - 1));
}

TEST(ParseCompletion, InvalidUtf8IsNotJson) {
  auto parsed = parse_completion("{\"status\":\"\xff\xfe\"}");
  EXPECT_EQ(parsed.status, "");
  EXPECT_THAT(parsed.note, HasSubstr("not JSON"));
}

class ReadCompletionSignal : public ::testing::Test {
 protected:
  testing::TempDir dir_;
};

TEST_F(ReadCompletionSignal, NoFileNoSignal) {
  EXPECT_EQ(read_completion_signal(dir_.path() / "SPAWN_COMPLETE"), std::nullopt);
  EXPECT_EQ(read_completion_signal(dir_.path() / "missing-folder/SPAWN_COMPLETE"), std::nullopt);
}

TEST_F(ReadCompletionSignal, AnEmptyFileIsASignal) {
  auto path = dir_.write("SPAWN_COMPLETE", "");
  EXPECT_EQ(read_completion_signal(path), CompletionSignal{});
}

TEST_F(ReadCompletionSignal, ReadsStatusAndMessageThroughASymlink) {
  auto target = dir_.write("result.json", R"({"status":"success","message":"done"})");
  std::filesystem::create_symlink(target, dir_.path() / "SPAWN_COMPLETE");
  EXPECT_EQ(read_completion_signal(dir_.path() / "SPAWN_COMPLETE"), signal_with("success", "done"));
}

TEST_F(ReadCompletionSignal, ADanglingSymlinkIsNoSignal) {
  std::filesystem::create_symlink(dir_.path() / "nowhere", dir_.path() / "SPAWN_COMPLETE");
  EXPECT_EQ(read_completion_signal(dir_.path() / "SPAWN_COMPLETE"), std::nullopt);
}

TEST_F(ReadCompletionSignal, ADirectoryCountsWithANote) {
  auto path = dir_.folder("SPAWN_COMPLETE");
  EXPECT_EQ(read_completion_signal(path), signal_with("", "", "a directory, not a file"));
}

TEST_F(ReadCompletionSignal, AFifoWithoutWriterCountsAndDoesNotBlock) {
  auto path = dir_.path() / "SPAWN_COMPLETE";
  ASSERT_EQ(::mkfifo(path.c_str(), 0644), 0);
  auto read = read_completion_signal(path);
  ASSERT_TRUE(read.has_value());
  EXPECT_THAT(read->note, HasSubstr("not a regular file"));
}

TEST_F(ReadCompletionSignal, AnEndlessDeviceIsNotRead) {
  std::filesystem::create_symlink("/dev/zero", dir_.path() / "SPAWN_COMPLETE");
  auto read = read_completion_signal(dir_.path() / "SPAWN_COMPLETE");
  ASSERT_TRUE(read.has_value());
  EXPECT_THAT(read->note, HasSubstr("not a regular file"));
}

TEST_F(ReadCompletionSignal, AHugeFileCountsWithoutItsContent) {
  std::string huge =
      R"({"status":"success","message":")" + repeated("x", kLongestCompletionFile) + R"("})";
  auto path = dir_.write("SPAWN_COMPLETE", huge);
  auto read = read_completion_signal(path);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->status, "");
  EXPECT_THAT(read->note, HasSubstr("larger than"));
}

TEST_F(ReadCompletionSignal, AFileAtTheSizeLimitIsStillRead) {
  std::string content = R"({"status":"success"})";
  content += std::string(kLongestCompletionFile - content.size(), ' ');
  auto path = dir_.write("SPAWN_COMPLETE", content);
  EXPECT_EQ(read_completion_signal(path), signal_with("success", ""));
}

// Root reads any file, so as root the reading happens in a child that has become nobody.
TEST_F(ReadCompletionSignal, AnUnreadableFileCountsWithANote) {
  auto path = dir_.write("SPAWN_COMPLETE", R"({"status":"success"})");
  std::filesystem::permissions(path, std::filesystem::perms::none);
  auto expected = signal_with("", "", "permission denied; content not read");
  if (::geteuid() != 0) {
    EXPECT_EQ(read_completion_signal(path), expected);
    return;
  }
  constexpr uid_t kNobody = 65534;
  std::filesystem::permissions(dir_.path(), std::filesystem::perms(0755));
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    bool as_expected = ::setgid(kNobody) == 0 && ::setuid(kNobody) == 0 &&
                       read_completion_signal(path) == expected;
    ::_exit(as_expected ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << "as nobody, the unreadable file did not count with the permission note";
}

}  // namespace
}  // namespace spawn::spored
