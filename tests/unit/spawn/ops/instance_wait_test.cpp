// Waiting for a state polls DescribeInstances on the client's clock: no real
// sleeping here, the fake clock records the pauses.
#include "spawn/ops/instance_wait.hpp"

#include <gtest/gtest.h>

#include "../fake_session.hpp"

namespace spawn::ops {
namespace {

std::string described(const std::string& state) {
  return "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
         "<requestId>r-1</requestId><reservationSet><item><reservationId>r-1</reservationId>"
         "<instancesSet><item><instanceId>i-1</instanceId><instanceState><code>0</code><name>" +
         state +
         "</name></instanceState></item></instancesSet></item></reservationSet>"
         "</DescribeInstancesResponse>";
}

TEST(InstanceWait, PollsUntilTheStateIsReached) {
  testing::FakeSession session;
  for (const char* state : {"pending", "pending", "running"})
    session.fake_transport.reply(200, described(state));
  auto instance = wait_for_state(session.client(), "i-1", "running");
  ASSERT_TRUE(instance) << instance.error().message;
  EXPECT_EQ(instance->state.name, "running");
  EXPECT_EQ(session.fake_transport.requests.size(), 3u);
}

TEST(InstanceWait, GivesUpAtTheDeadline) {
  testing::FakeSession session;
  for (int i = 0; i < 4; ++i)
    session.fake_transport.reply(200, described("pending"));
  auto instance = wait_for_state(session.client(), "i-1", "running",
                                 {std::chrono::seconds(5), std::chrono::seconds(2)});
  ASSERT_FALSE(instance);
  EXPECT_EQ(instance.error().kind, ErrorKind::timeout);
  EXPECT_EQ(session.fake_transport.requests.size(), 4u);  // at 0, 2, 4 and 6 s
}

TEST(InstanceWait, ATerminatedInstanceNeverRuns) {
  testing::FakeSession session;
  session.fake_transport.reply(200, described("shutting-down"));
  auto instance = wait_for_state(session.client(), "i-1", "running");
  ASSERT_FALSE(instance);
  EXPECT_EQ(instance.error().kind, ErrorKind::conflict);
}

}  // namespace
}  // namespace spawn::ops
