// A region without a default VPC: the first launch creates spawn's shared VPC (with
// its gateway, route and public subnets), later launches reuse it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "launch_expectations.hpp"
#include "spawn_user.hpp"

namespace spawn::e2e {
namespace {

using ::testing::Contains;
using ::testing::Not;

class LaunchWithoutDefaultVpcTest : public LaunchSuite<LaunchWithoutDefaultVpcTest> {
 protected:
  static void SetUpTestSuite() { start_cloud_with({.default_vpc = localcloud::DefaultVpc::no}); }
};

TEST_F(LaunchWithoutDefaultVpcTest, FirstLaunchCreatesSpawnsVpcAndTheNextReusesIt) {
  SpawnUser user(cloud());
  auto first = user.run({"launch", "-t", "t3.micro", "--yes", "--output", "json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::string id = launched_id(first);
  track(id);
  auto instance = cloud().describe(id);
  ASSERT_TRUE(instance);
  EXPECT_FALSE(instance->public_ip.empty()) << "the spawn subnet maps public addresses";
  auto vpcs = cloud().ec2().describe_vpcs_all({.ids = {instance->vpc_id}});
  ASSERT_TRUE(vpcs && vpcs->size() == 1);
  EXPECT_THAT(vpcs->front().tags, Contains(aws::Tag{"spawn:shared", "true"}));

  ASSERT_TRUE(cloud().admin_delete("/_localcloud/requests"));
  auto second = user.run({"launch", "-t", "t3.micro", "--yes", "--no-wait", "--output", "json"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  track(launched_id(second));
  EXPECT_THAT(mutating_operations(cloud()), Not(Contains("CreateVpc")));
}

}  // namespace
}  // namespace spawn::e2e
