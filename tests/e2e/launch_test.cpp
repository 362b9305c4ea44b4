// `spawn launch` end to end: the real CLI against a localcloud whose instances boot,
// run the user-data spawn wrote, and start the real spored it published. What a user
// relies on is checked from outside, as EC2 reports it: the instance's tags and
// settings, the key and security group it got, that its command ran and that the
// agent ended it; and that a refused or failed launch leaves nothing behind.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "launch_expectations.hpp"
#include "round_trips.hpp"
#include "spawn_user.hpp"
#include "spored_fixture.hpp"

namespace spawn::e2e {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

class LaunchTest : public LaunchSuite<LaunchTest> {};

TEST_F(LaunchTest, CommandRunsAndTheAgentTerminatesTheInstanceWhenItCompletes) {
  SpawnUser user(cloud());
  auto run = user.run({"launch", "--instance-type", "t3.micro", "--name", "greeter", "--ttl", "2h",
                       "--completion-delay", "0s", "--command",
                       "echo \"hello from $(hostname)\" > /tmp/greeting; spored complete", "--yes",
                       "--output", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::string id = launched_id(run);
  ASSERT_FALSE(id.empty()) << run.out;
  track(id);
  expect_promised_settings(cloud(), id, {{"Name", "greeter"}, {"spawn:ttl", "2h"}});
  EXPECT_TRUE(cloud().wait_for_state(id, "terminated", kActDeadline)) << cloud().console_of(id);
}

TEST_F(LaunchTest, ResultNamesThePriceTheDeadlineAndHowToConnect) {
  SpawnUser user(cloud());
  auto run = user.run({"launch", "--instance-type", "t3.micro", "--ttl", "8h", "--yes"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("$0.01/hour on-demand"));
  EXPECT_THAT(run.out, HasSubstr("at most $0.08 for the TTL"));
  EXPECT_THAT(run.out, HasSubstr("unless extended"));
  EXPECT_THAT(run.out, HasSubstr("spawn connect i-"));
  track_all_launched();
  std::smatch id;
  ASSERT_TRUE(std::regex_search(run.out, id, std::regex("spawn connect (i-[0-9a-f]+)"))) << run.out;
  expect_promised_root_volume(cloud(), id[1]);
}

TEST_F(LaunchTest, WarmLaunchCreatesNothingNew) {
  SpawnUser user(cloud());
  ASSERT_EQ(user.run({"launch", "-t", "t3.micro", "--yes", "--no-wait"}).exit_code, 0);
  track_all_launched();
  ASSERT_TRUE(cloud().admin_delete("/_localcloud/requests"));
  auto second = user.run({"launch", "-t", "t3.micro", "--yes", "--no-wait"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  track_all_launched();
  auto operations = mutating_operations(cloud());
  EXPECT_EQ(std::count(operations.begin(), operations.end(), "RunInstances"), 1);
  for (const char* creation : {"ImportKeyPair", "CreateSecurityGroup", "CreateRole",
                               "CreateInstanceProfile", "CreateBucket", "PutObject"})
    EXPECT_THAT(operations, Not(Contains(creation)));
}

TEST_F(LaunchTest, ARunInstancesAnswerLostOnTheWayBackIsRetriedIntoOneInstance) {
  SpawnUser user(cloud());
  auto before = live_managed_instances(cloud());
  ASSERT_TRUE(cloud().admin_delete("/_localcloud/requests"));
  ASSERT_TRUE(
      cloud().admin_post("/_localcloud/faults", R"({"lost_answers": {"RunInstances": 1}})"));
  auto run = user.run({"launch", "-t", "t3.micro", "--no-wait", "--yes", "--output", "json"});
  ASSERT_TRUE(cloud().admin_delete("/_localcloud/faults"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  track_all_launched();
  EXPECT_EQ(integration::calls_of(cloud(), "RunInstances"),
            2);  // the answer lost, then the retry with the same ClientToken
  auto after = live_managed_instances(cloud());
  ASSERT_EQ(after.size(), before.size() + 1);
  EXPECT_THAT(after, Contains(launched_id(run)));
}

TEST_F(LaunchTest, DryRunShowsThePlanAndCreatesNothing) {
  SpawnUser user(cloud());
  ASSERT_TRUE(cloud().admin_delete("/_localcloud/requests"));
  auto run = user.run({"launch", "-t", "t3.micro", "--ttl", "1h", "--dry-run", "--yes"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("ec2:RunInstances t3.micro"));
  EXPECT_THAT(run.out, HasSubstr("DryRun"));
  EXPECT_TRUE(mutating_operations(cloud()).empty());
}

TEST_F(LaunchTest, PipedTruffleOfferIsLaunchedWithFlagsOnTop) {
  SpawnUser user(cloud());
  auto run = user.run({"launch", "--ttl", "1h", "--yes", "--no-wait", "--output", "json"},
                      R"([{"instance_type":"t3.small","region":"us-east-1","spot":false}])");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::string id = launched_id(run);
  track(id);
  auto instance = cloud().describe(id);
  ASSERT_TRUE(instance);
  EXPECT_EQ(instance->instance_type, "t3.small");
}

TEST_F(LaunchTest, HibernationIsRefusedBeforeAnythingIsCreatedOnATypeThatCannot) {
  SpawnUser user(cloud());
  ASSERT_TRUE(cloud().admin_delete("/_localcloud/requests"));
  auto run = user.run({"launch", "-t", "m5.metal", "--hibernate", "--yes"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr("m5.metal cannot hibernate"));
  EXPECT_TRUE(mutating_operations(cloud()).empty());
}

struct BadLaunch {
  std::string name;  // the test's name
  std::vector<std::string> args;
  std::string message;
};

class BadLaunchTest : public LaunchSuite<BadLaunchTest>,
                      public ::testing::WithParamInterface<BadLaunch> {};

TEST_P(BadLaunchTest, IsAClearErrorAndCreatesNothing) {
  SpawnUser user(cloud());
  ASSERT_TRUE(cloud().admin_delete("/_localcloud/requests"));
  std::vector<std::string> args = {"launch", "--yes"};
  args.insert(args.end(), GetParam().args.begin(), GetParam().args.end());
  auto run = user.run(args);
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr(GetParam().message));
  EXPECT_TRUE(mutating_operations(cloud()).empty());
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, BadLaunchTest,
    ::testing::Values(
        BadLaunch{"UnknownType",
                  {"-t", "t3.nosuch"},
                  "t3.nosuch is not an instance type offered in us-east-1"},
        BadLaunch{"BadDuration", {"-t", "t3.micro", "--ttl", "banana"}, "--ttl banana"},
        BadLaunch{
            "UnknownRegion", {"-t", "t3.micro", "--region", "us-nowhere-1"}, "region us-nowhere-1"},
        BadLaunch{"NegativeSpotPrice",
                  {"-t", "t3.micro", "--spot", "--spot-max-price", "-1"},
                  "--spot-max-price -1"},
        BadLaunch{"MissingUserDataFile",
                  {"-t", "t3.micro", "--user-data", "@/nonexistent/script.sh"},
                  "/nonexistent/script.sh"},
        BadLaunch{"OversizedUserData",
                  {"-t", "t3.micro", "--user-data", std::string(20000, 'x')},
                  "16384"},
        BadLaunch{
            "OversizedCommand", {"-t", "t3.micro", "--command", std::string(17000, 'y')}, "16"},
        BadLaunch{"UnknownAction",
                  {"-t", "t3.micro", "--on-complete", "explode"},
                  "--on-complete explode"}),
    [](const ::testing::TestParamInfo<BadLaunch>& test) { return test.param.name; });

TEST_F(LaunchTest, AFailedRunInstancesRemovesWhatTheLaunchCreated) {
  SpawnUser user(cloud());
  ASSERT_TRUE(cloud().admin_post("/_localcloud/faults",
                                 R"({"capacity_error": {"type": "t3.large", "zone": ""}})"));
  auto run = user.run({"launch", "-t", "t3.large", "--ssh-from", "198.51.100.7", "--yes"});
  ASSERT_TRUE(cloud().admin_delete("/_localcloud/faults"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("InsufficientInstanceCapacity"));
  EXPECT_FALSE(security_group_exists(cloud(), "spawn-ssh-198-51-100-7-32")) << run.err;
}

}  // namespace
}  // namespace spawn::e2e
