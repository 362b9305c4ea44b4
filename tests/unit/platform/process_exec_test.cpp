// Programs that replace us (exec_process), outlive us (start_detached_process), and the
// helpers `spawn --local` uses around them.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include "platform/process.hpp"
#include "temp_dir.hpp"

namespace spawn::platform {
namespace {

using testing::TempDir;

constexpr std::chrono::seconds kDeadline{10};

bool eventually(const std::function<bool()>& holds) {
  auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (!holds()) {
    if (std::chrono::steady_clock::now() > deadline)
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

std::string text_of(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(FindOnPath, FindsExecutableFilesInPathOrder) {
  TempDir first;
  auto tool = first.write("tool", "#!/bin/sh\n", std::filesystem::perms(0755));
  TempDir second;
  second.write("tool", "#!/bin/sh\n", std::filesystem::perms(0755));
  MapEnvironment env;
  env.set("PATH", "/nonexistent:" + first.path().string() + ":" + second.path().string());
  EXPECT_EQ(find_on_path("tool", env), tool);
}

TEST(FindOnPath, SkipsFoldersAndFilesThatCannotRun) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "folder");
  dir.write("data", "not a program", std::filesystem::perms(0644));
  MapEnvironment env;
  env.set("PATH", dir.path().string());
  EXPECT_EQ(find_on_path("folder", env), std::nullopt);
  EXPECT_EQ(find_on_path("data", env), std::nullopt);
  EXPECT_EQ(find_on_path("sh", MapEnvironment()), std::nullopt) << "no PATH, nothing found";
}

TEST(StartDetachedProcess, RunsInItsOwnSessionWithOutputInTheLogAndNoInput) {
  TempDir dir;
  auto log = dir.path() / "server.log";
  auto pid = start_detached_process({"sh", "-c", "cat; echo input-closed; exec sleep 60"}, log);
  ASSERT_TRUE(pid) << pid.error().message;
  EXPECT_TRUE(process_exists(*pid));
  EXPECT_TRUE(eventually([&] { return text_of(log) == "input-closed\n"; })) << text_of(log);
  EXPECT_NE(::getsid(*pid), ::getsid(0)) << "it must not get our terminal's signals";
  EXPECT_EQ(::waitpid(*pid, nullptr, WNOHANG), -1) << "it must not be our child";
  ASSERT_TRUE(request_process_stop(*pid));
  EXPECT_TRUE(eventually([&] { return !process_exists(*pid); }));
}

TEST(StartDetachedProcess, AppendsToAnExistingLog) {
  TempDir dir;
  auto log = dir.write("server.log", "earlier\n");
  auto pid = start_detached_process({"echo", "later"}, log);
  ASSERT_TRUE(pid) << pid.error().message;
  EXPECT_TRUE(eventually([&] { return text_of(log) == "earlier\nlater\n"; })) << text_of(log);
}

TEST(StartDetachedProcess, AMissingProgramIsNotFound) {
  TempDir dir;
  auto pid = start_detached_process({"spawn-no-such-program"}, dir.path() / "log");
  ASSERT_FALSE(pid);
  EXPECT_EQ(pid.error().kind, ErrorKind::not_found);
  EXPECT_NE(pid.error().message.find("spawn-no-such-program"), std::string::npos);
}

TEST(ExecProcess, AMissingProgramComesBackAsNotFound) {
  auto error = exec_process({"spawn-no-such-program"});
  EXPECT_EQ(error.kind, ErrorKind::not_found);
  EXPECT_EQ(exec_process({}).kind, ErrorKind::usage);
}

TEST(ExecProcess, TheProgramGetsExactlyTheEnvironmentGivenAndIsFoundOnItsPath) {
  TempDir dir;
  auto out = dir.path() / "out";
  std::string script = "echo \"$ONLY ${HOME-unset}\" > " + out.string();
  pid_t child = ::fork();
  if (child == 0) {
    exec_process({"sh", "-c", script}, std::vector<std::string>{"PATH=/usr/bin:/bin", "ONLY=yes"});
    ::_exit(99);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(text_of(out), "yes unset\n");
}

TEST(RequestProcessStop, AGoneProcessIsNotFound) {
  pid_t child = ::fork();
  if (child == 0)
    ::_exit(0);
  ::waitpid(child, nullptr, 0);
  EXPECT_FALSE(process_exists(child));
  auto stopped = request_process_stop(child);
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().kind, ErrorKind::not_found);
}

}  // namespace
}  // namespace spawn::platform
