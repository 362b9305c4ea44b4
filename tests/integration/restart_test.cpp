// A localcloud that stops and starts again on the same state dir boots again the
// instances that were running: their per-boot scripts run, their user-data does not.
#include <gtest/gtest.h>

#include "localcloud_fixture.hpp"

namespace spawn::integration {
namespace {

class IntegrationRestart : public CloudSuite<IntegrationRestart> {};

TEST_F(IntegrationRestart, RunningInstancesBootAgainAfterARestart) {
  auto id = cloud().launch({.user_data = boot_counting_user_data()});
  ASSERT_TRUE(id) << id.error().message;
  ASSERT_EQ(cloud().wait_for_file(*id, "/tmp/user-data-runs"), "run\n") << cloud().console_of(*id);

  start_cloud();
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_TRUE(cloud().wait_for_state(*id, "running")) << cloud().state_of(*id);
  EXPECT_TRUE(wait_until([&] {
    return line_count(cloud().file_of(*id, "/tmp/per-boot-runs")) == 1;
  })) << cloud().console_of(*id);
  EXPECT_EQ(line_count(cloud().file_of(*id, "/tmp/user-data-runs")), 1)
      << "user-data must not run again after a restart";
}

}  // namespace
}  // namespace spawn::integration
