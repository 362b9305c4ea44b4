// Which state changes stop, hibernate and start refuse before calling EC2.
#include "spawn/ops/instance_power.hpp"

#include <gtest/gtest.h>

#include "managed_instance_builder.hpp"

namespace spawn::ops {
namespace {

using testing::managed;

TEST(InstancePower, ARunningInstanceCanStop) {
  EXPECT_TRUE(check_stoppable(managed("i-1", "running"), StopKind::stop));
}

TEST(InstancePower, StoppingTwiceOrFromAnotherStateIsAConflict) {
  for (std::string state : {"stopped", "stopping", "pending", "shutting-down"}) {
    auto checked = check_stoppable(managed("i-1", state), StopKind::stop);
    ASSERT_FALSE(checked) << state;
    EXPECT_EQ(checked.error().kind, ErrorKind::conflict);
    EXPECT_NE(checked.error().message.find(state), std::string::npos) << checked.error().message;
  }
}

TEST(InstancePower, HibernateNeedsHibernationFromLaunch) {
  auto refused = check_stoppable(managed("i-1", "running"), StopKind::hibernate);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::conflict);
  EXPECT_NE(refused.error().message.find("without hibernation"), std::string::npos);
  EXPECT_NE(refused.error().hint.find("spawn stop i-1"), std::string::npos);
  EXPECT_TRUE(check_stoppable(managed("i-1", "running").hibernation(), StopKind::hibernate));
}

TEST(InstancePower, OnlyAStoppedInstanceStarts) {
  EXPECT_TRUE(check_startable(managed("i-1", "stopped")));
  for (std::string state : {"running", "pending", "stopping", "terminated"}) {
    auto checked = check_startable(managed("i-1", state));
    ASSERT_FALSE(checked) << state;
    EXPECT_EQ(checked.error().kind, ErrorKind::conflict);
  }
}

}  // namespace
}  // namespace spawn::ops
