// A launch that does not finish must not leave anything behind: stopped with Ctrl-C
// (here SIGTERM, which spawn treats the same) it undoes what it created itself; killed
// outright, `spawn cleanup` finds the pieces. Both are caught in the same place: IAM
// keeps a new role invisible to EC2 for two minutes, so the launch is waiting in its
// RunInstances retries, after the key, group, role and profile exist.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include "child_process.hpp"
#include "launch_expectations.hpp"
#include "spawn_user.hpp"

namespace spawn::e2e {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

constexpr auto kPropagation = std::chrono::minutes(2);
constexpr auto kReachDeadline = std::chrono::seconds(60);

class LaunchInterruptTest : public LaunchSuite<LaunchInterruptTest> {
 protected:
  static void SetUpTestSuite() { start_cloud_with({.iam_propagation = kPropagation}); }

  // Starts the real spawn binary launching with a new role and waits until it retries
  // RunInstances while the role propagates.
  conformance::BackgroundProcess launch_until_waiting_for_iam(SpawnUser& user,
                                                              const std::string& log) {
    std::vector<std::string> argv = {"/usr/bin/env", "-i"};
    for (auto& line : user.environment_lines())
      argv.push_back(line);
    argv.insert(argv.end(), {SPAWN_BINARY, "--endpoint-url", user.endpoint(), "launch", "-t",
                             "t3.micro", "--ssh-from", "192.0.2.9", "--yes"});
    auto process = conformance::BackgroundProcess::start(argv, log);
    EXPECT_TRUE(process) << process.error();
    bool waiting = integration::wait_until(
        [&] {
          return integration::read_text(log).value_or("").find("not visible") != std::string::npos;
        },
        kReachDeadline);
    EXPECT_TRUE(waiting) << integration::read_text(log).value_or("");
    return std::move(*process);
  }

  void expect_nothing_left() {
    EXPECT_FALSE(security_group_exists(cloud(), "spawn-ssh-192-0-2-9-32"));
    EXPECT_FALSE(cloud().iam().get_role("spored-instance-role"));
    EXPECT_FALSE(cloud().iam().get_instance_profile("spored-instance-profile"));
    EXPECT_TRUE(live_managed_instances(cloud()).empty());
  }
};

TEST_F(LaunchInterruptTest, CtrlCUndoesWhatTheLaunchCreated) {
  SpawnUser user(cloud());
  std::string log = (user.home() / "spawn.log").string();
  auto process = launch_until_waiting_for_iam(user, log);
  int status = process.stop(60s);
  std::string output = integration::read_text(log).value_or("");
  EXPECT_EQ(status, 1) << output;
  EXPECT_THAT(output, HasSubstr("interrupted"));
  EXPECT_THAT(output, HasSubstr("Removing what this launch created"));
  expect_nothing_left();
}

TEST_F(LaunchInterruptTest, CleanupRemovesWhatAKilledLaunchLeft) {
  SpawnUser user(cloud());
  std::string log = (user.home() / "spawn.log").string();
  auto process = launch_until_waiting_for_iam(user, log);
  ::kill(process.pid(), SIGKILL);
  (void)process.stop(1s);
  ASSERT_TRUE(security_group_exists(cloud(), "spawn-ssh-192-0-2-9-32"));
  auto cleanup = user.run({"cleanup", "--include-recent", "--yes"});
  EXPECT_EQ(cleanup.exit_code, 0) << cleanup.err;
  expect_nothing_left();
}

}  // namespace
}  // namespace spawn::e2e
