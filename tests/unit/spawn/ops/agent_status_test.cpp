// Running spored status through a command prefix: the words are appended as
// arguments (no shell), the output comes back, failures and hangs are errors.
#include "spawn/ops/agent_status.hpp"

#include <gtest/gtest.h>

#include "managed_instance_builder.hpp"

namespace spawn::ops {
namespace {

using testing::managed;

TEST(AgentStatus, TheStatusCommandIsAppendedToThePrefix) {
  auto status = remote_agent_status(managed("i-1", "running"), {{"echo", "ran:"}});
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_EQ(*status, "ran: /usr/local/bin/spored status\n");
}

TEST(AgentStatus, AFailingCommandIsAnErrorCarryingItsOutput) {
  auto status = remote_agent_status(managed("i-1", "running"),
                                    {{"sh", "-c", "echo 'Permission denied' >&2; exit 255", "sh"}});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().kind, ErrorKind::io);
  EXPECT_NE(status.error().message.find("Permission denied"), std::string::npos);
  EXPECT_NE(status.error().message.find("255"), std::string::npos);
}

TEST(AgentStatus, AHangingCommandTimesOut) {
  auto status = remote_agent_status(
      managed("i-1", "running"), {{"sh", "-c", "sleep 30", "sh"}, std::chrono::milliseconds(200)});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().kind, ErrorKind::timeout);
}

TEST(AgentStatus, OnlyARunningInstanceIsAsked) {
  auto status = remote_agent_status(managed("i-1", "stopped"), {{"echo"}});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().kind, ErrorKind::conflict);
}

TEST(AgentStatus, SshAccessEndsWithTheDestination) {
  auto access = ssh_agent_access({"203.0.113.7", "ec2-user", "/home/u/.ssh/id_ed25519", 22, {}});
  ASSERT_FALSE(access.command_prefix.empty());
  EXPECT_EQ(access.command_prefix.front(), "ssh");
  EXPECT_EQ(access.command_prefix.back(), "ec2-user@203.0.113.7");
}

}  // namespace
}  // namespace spawn::ops
