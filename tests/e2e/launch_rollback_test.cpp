// A launch is a saga: whichever of its AWS calls fails, what the launch created before
// is removed, newest first, and the user is told what failed. Each case starts from an
// empty account (the cloud is reset) so that the launch creates everything, and
// refuses one operation once, as a missing permission would.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "launch_expectations.hpp"
#include "spawn_user.hpp"

namespace spawn::e2e {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;

class LaunchRollbackTest : public LaunchSuite<LaunchRollbackTest>,
                           public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    LaunchSuite::SetUp();
    if (IsSkipped() || HasFatalFailure())
      return;
    ASSERT_TRUE(cloud().admin_post("/_localcloud/reset"));
  }
  void TearDown() override {
    EXPECT_TRUE(cloud().admin_delete("/_localcloud/faults"));
    LaunchSuite::TearDown();
  }
};

TEST_P(LaunchRollbackTest, RemovesWhatTheLaunchCreatedAndSaysWhatFailed) {
  const std::string& refused = GetParam();
  ASSERT_TRUE(cloud().admin_post("/_localcloud/faults",
                                 fmt::format(R"({{"refused": {{"{}": 1}}}})", refused)));
  SpawnUser user(cloud());
  auto run = user.run({"launch", "-t", "t3.micro", "--ssh-from", "198.51.100.9", "--yes"});
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_THAT(run.err, AnyOf(HasSubstr("UnauthorizedOperation"), HasSubstr("AccessDenied")));
  EXPECT_FALSE(security_group_exists(cloud(), "spawn-ssh-198-51-100-9-32")) << run.err;
  EXPECT_FALSE(cloud().iam().get_role("spored-instance-role")) << run.err;
  EXPECT_FALSE(cloud().iam().get_instance_profile("spored-instance-profile")) << run.err;
  EXPECT_TRUE(live_managed_instances(cloud()).empty()) << run.err;
}

// Every creation of a cold launch, in the order the rounds make them.
INSTANTIATE_TEST_SUITE_P(
    EachStep, LaunchRollbackTest,
    ::testing::Values("ImportKeyPair", "CreateSecurityGroup", "AuthorizeSecurityGroupIngress",
                      "CreateRole", "PutRolePolicy", "AttachRolePolicy", "CreateInstanceProfile",
                      "AddRoleToInstanceProfile", "CreateBucket", "PutObject", "RunInstances"),
    [](const ::testing::TestParamInfo<std::string>& test) { return test.param; });

}  // namespace
}  // namespace spawn::e2e
