// `spawn cleanup` through the real command line against localcloud: what a crashed
// launch leaves (made with spawn's own network, IAM and key code) is shown as a plan
// and deleted, what an instance uses stays, imported keys stay, the shared VPC and the
// agent store go only with --all, and nothing goes without --yes or a "y" at a terminal.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "aws/sts.hpp"
#include "localcloud_fixture.hpp"
#include "spawn/ops/agent_store.hpp"
#include "spawn/ops/instance_profile.hpp"
#include "spawn/ops/network.hpp"
#include "spawn/ops/ssh_key.hpp"
#include "spawn/ops/ssh_key_pair.hpp"
#include "spawn_cli_runner.hpp"

namespace spawn::integration {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Each test gets a fresh localcloud: cleanup looks at every region and at IAM.
class CleanupTest : public ::testing::Test {
 protected:
  void start(localcloud::DefaultVpc default_vpc = localcloud::DefaultVpc::yes) {
    auto started = TestCloud::start(dir_.path(), {.default_vpc = default_vpc});
    ASSERT_TRUE(started) << started.error().message;
    cloud_ = std::move(*started);
    cli_ = std::make_unique<SpawnCli>(*cloud_);
  }
  void SetUp() override { start(); }
  TestCloud& cloud() { return *cloud_; }
  SpawnCli& cli() { return *cli_; }

  // What a launch from `cidr` sets up before RunInstances: spawn's SSH group (and, without a
  // default VPC, the spawn VPC), made by spawn's own network code.
  ops::NetworkChoice prepare_network(const std::string& cidr) {
    auto found = ops::look_up_network(cloud().client(), cidr);
    EXPECT_TRUE(found) << found.error().message;
    ops::NetworkRequest request;
    request.ssh_cidr = cidr;
    ops::Saga saga;
    auto choice =
        ops::ensure_network(cloud().client(), found.value_or(ops::NetworkLookup{}), request, saga);
    EXPECT_TRUE(choice) << choice.error().message;
    saga.commit();
    return choice.value_or(ops::NetworkChoice{});
  }
  // An instance launched with the group (in the subnet, when given), running.
  std::string launch_with(const ops::NetworkChoice& network, std::vector<aws::Tag> tags = {}) {
    aws::RunInstancesRequest request{.security_group_ids = {network.security_group_id},
                                     .subnet_id = network.subnet_id};
    if (!tags.empty())
      request.tag_specifications = {{"instance", tags}};
    auto id = cloud().launch(request);
    EXPECT_TRUE(id) << id.error().message;
    EXPECT_TRUE(id && cloud().wait_for_state(*id, "running"));
    return id.value_or("");
  }
  bool group_exists(const std::string& id) {
    auto groups = cloud().ec2().describe_security_groups_all({.ids = {id}});
    return groups && !groups->empty();
  }
  std::vector<std::string> spawn_group_ids() {
    auto groups =
        cloud().ec2().describe_security_groups_all({.filters = {{"tag:spawn:managed", {"true"}}}});
    EXPECT_TRUE(groups.has_value());
    std::vector<std::string> ids;
    for (const auto& group : groups.value_or(std::vector<aws::SecurityGroup>{}))
      ids.push_back(group.group_id);
    return ids;
  }

  TempDir dir_;
  std::unique_ptr<TestCloud> cloud_;
  std::unique_ptr<SpawnCli> cli_;
};

TEST_F(CleanupTest, TheCrashLeftoversGoAndWhatAnInstanceUsesStays) {
  const std::string orphan = prepare_network("203.0.113.7/32").security_group_id;
  const ops::NetworkChoice used = prepare_network("198.51.100.1/32");
  const std::string instance = launch_with(used);
  ops::Saga saga;
  auto profile = ops::ensure_instance_profile(cloud().client(), {}, saga);
  ASSERT_TRUE(profile) << profile.error().message;
  saga.commit();

  CliOutcome ran = cli().run({"cleanup", "--yes"});

  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_THAT(ran.out, HasSubstr("delete security group " + orphan));
  EXPECT_THAT(ran.out, HasSubstr("keep security group " + used.security_group_id));
  EXPECT_THAT(ran.out, HasSubstr("used by " + instance));
  EXPECT_THAT(ran.out, HasSubstr("Deleted 1 security group in 1 region."));
  EXPECT_THAT(ran.err, HasSubstr("Looking for what spawn left behind in "));
  EXPECT_THAT(ran.err, Not(HasSubstr("Could not ask region")));
  EXPECT_EQ(spawn_group_ids(), std::vector<std::string>{used.security_group_id});
  EXPECT_EQ(cloud().state_of(instance), "running");
  // A profile made moments ago may be what a launch is about to use (cleanup_plan.hpp);
  // cleanup_ops_test.cpp deletes it once it is older.
  EXPECT_THAT(ran.out, HasSubstr("instance profile spored-instance-profile: created in the last"));
  EXPECT_TRUE(cloud().iam().get_instance_profile(std::string(ops::kDefaultInstanceProfile)));
}

TEST_F(CleanupTest, DryRunOnlyShowsThePlan) {
  const std::string orphan = prepare_network("203.0.113.7/32").security_group_id;

  CliOutcome ran = cli().run({"cleanup", "--dry-run", "--region", "us-east-1"});

  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_THAT(ran.out, HasSubstr("us-east-1\n  delete security group " + orphan +
                                 " (spawn-ssh-203-0-113-7-32): no instance uses it\n"));
  EXPECT_THAT(ran.out, HasSubstr("1 to delete, 0 to keep."));
  EXPECT_THAT(ran.out, Not(HasSubstr("Deleted")));
  EXPECT_TRUE(group_exists(orphan));
}

TEST_F(CleanupTest, WithoutYesAndWithoutATerminalItShowsThePlanDeletesNothingAndFails) {
  const std::string orphan = prepare_network("203.0.113.7/32").security_group_id;

  CliOutcome ran = cli().run({"cleanup", "--region", "us-east-1"});

  EXPECT_EQ(ran.exit_code, 1);
  EXPECT_THAT(ran.out, HasSubstr("delete security group " + orphan));
  EXPECT_THAT(ran.err, HasSubstr("no terminal to ask on"));
  EXPECT_THAT(ran.err, HasSubstr("--yes"));
  EXPECT_TRUE(group_exists(orphan));
}

TEST_F(CleanupTest, AtATerminalOnlyAYesDeletes) {
  const std::string orphan = prepare_network("203.0.113.7/32").security_group_id;

  CliOutcome declined = cli().run({"cleanup", "--region", "us-east-1"}, "n\n");
  EXPECT_EQ(declined.exit_code, 0) << declined.err;
  EXPECT_THAT(declined.err, HasSubstr("Delete them now? [y/N]"));
  EXPECT_THAT(declined.err, HasSubstr("Nothing was deleted."));
  EXPECT_TRUE(group_exists(orphan));

  CliOutcome agreed = cli().run({"cleanup", "--region", "us-east-1"}, "y\n");
  EXPECT_EQ(agreed.exit_code, 0) << agreed.err;
  EXPECT_THAT(agreed.out, HasSubstr("Deleted 1 security group in 1 region."));
  EXPECT_FALSE(group_exists(orphan));
}

TEST_F(CleanupTest, ImportedKeysStayAndAnUnusedKeySpawnCreatedGoes) {
  TempDir alice_home, bob_home;
  auto imported_key = ops::create_local_key(alice_home.path());
  auto other_key = ops::create_local_key(bob_home.path());
  ASSERT_TRUE(imported_key && other_key) << "needs ssh-keygen (openssh-client)";
  auto imported = ops::import_key_pair(cloud().ec2(), *imported_key, "alice");
  ASSERT_TRUE(imported) << imported.error().message;
  auto made = cloud().ec2().import_key_pair(
      {.key_name = "spawn-made-key",
       .public_key_material = other_key->public_key_line,
       .tag_specifications = {{"key-pair", {{"spawn:managed", "true"}}}}});
  ASSERT_TRUE(made) << made.error().message;

  CliOutcome ran = cli().run({"cleanup", "--yes", "--all", "--region", "us-east-1"});

  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_THAT(ran.out, Not(HasSubstr(*imported))) << "an imported key is not spawn's to delete";
  EXPECT_THAT(ran.out, HasSubstr("Deleted 1 key pair in 1 region."));
  auto left = cloud().ec2().describe_key_pairs({});
  ASSERT_TRUE(left);
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ(left->front().key_name, *imported);
}

TEST_F(CleanupTest, JsonOutputGivesProgramsThePlan) {
  const std::string orphan = prepare_network("203.0.113.7/32").security_group_id;

  CliOutcome ran = cli().run({"cleanup", "--dry-run", "--output", "json", "--region", "us-east-1"});

  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  auto document = nlohmann::json::parse(ran.out);
  EXPECT_EQ(document.at("regions_checked"), 1);
  EXPECT_TRUE(document.at("failed_regions").empty());
  ASSERT_EQ(document.at("plan").size(), 1u);
  const auto& action = document.at("plan")[0];
  EXPECT_EQ(action.at("action"), "delete");
  EXPECT_EQ(action.at("region"), "us-east-1");
  EXPECT_EQ(action.at("kind"), "security-group");
  EXPECT_EQ(action.at("id"), orphan);
  EXPECT_EQ(action.at("reason"), "unused");
  EXPECT_TRUE(document.at("result").is_null());
}

// Without a default VPC a launch builds the shared spawn VPC; it and the agent store go
// only with --all, and only once nothing needs them.
class CleanupSpawnVpcTest : public CleanupTest {
 protected:
  void SetUp() override { start(localcloud::DefaultVpc::no); }

  // The agent store of us-east-1 as publish_agent leaves it: tagged, holding one object.
  std::string make_agent_bucket() {
    auto identity = aws::StsClient(cloud().client()).get_caller_identity();
    EXPECT_TRUE(identity);
    std::string bucket = ops::agent_bucket_name(identity->account, "us-east-1").value_or("");
    EXPECT_TRUE(cloud().s3().create_bucket(bucket));
    EXPECT_TRUE(cloud().s3().put_bucket_tagging(
        bucket, {{"spawn:managed", "true"}, {"spawn:purpose", "agent"}}));
    aws::PutObjectRequest object;
    object.bucket = bucket;
    object.key = "spored/x";
    object.body = "agent";
    EXPECT_TRUE(cloud().s3().put_object(object));
    return bucket;
  }
  // A spawn-tagged extra route table associated with one subnet of the VPC.
  std::string add_route_table(const ops::NetworkChoice& network) {
    auto table = cloud().ec2().create_route_table(network.vpc_id,
                                                  {{"route-table", {{"spawn:managed", "true"}}}});
    EXPECT_TRUE(table) << table.error().message;
    EXPECT_TRUE(cloud().ec2().associate_route_table(table->route_table_id, network.subnet_id));
    return table->route_table_id;
  }
  std::size_t count_in_vpc(const std::string& vpc_id) {
    aws::DescribeRequest in_vpc{.filters = {{"vpc-id", {vpc_id}}}};
    auto subnets = cloud().ec2().describe_subnets_all(in_vpc);
    auto tables = cloud().ec2().describe_route_tables_all(in_vpc);
    auto gateways = cloud().ec2().describe_internet_gateways_all(
        {.filters = {{"attachment.vpc-id", {vpc_id}}}});
    return subnets.value_or(std::vector<aws::Subnet>{}).size() +
           tables.value_or(std::vector<aws::RouteTable>{}).size() +
           gateways.value_or(std::vector<aws::InternetGateway>{}).size();
  }
};

TEST_F(CleanupSpawnVpcTest, AllTakesTheVpcAndTheAgentStoreApartOnceNoInstanceNeedsThem) {
  const ops::NetworkChoice network = prepare_network("203.0.113.7/32");
  ASSERT_TRUE(network.created_vpc);
  const std::string extra_table = add_route_table(network);
  const std::string bucket = make_agent_bucket();
  const std::string instance = launch_with(network, {{"spawn:managed", "true"}});

  CliOutcome busy = cli().run({"cleanup", "--yes", "--all", "--region", "us-east-1"});
  ASSERT_EQ(busy.exit_code, 0) << busy.err;
  EXPECT_THAT(busy.out, HasSubstr("keep VPC " + network.vpc_id + ": used by " + instance));
  EXPECT_THAT(busy.out, HasSubstr("keep S3 bucket " + bucket + ": used by " + instance));
  EXPECT_THAT(busy.out, HasSubstr("Nothing to clean up."));

  ASSERT_TRUE(cloud().ec2().terminate_instances({.instance_ids = {instance}}));
  ASSERT_TRUE(cloud().wait_for_state(instance, "terminated"));

  CliOutcome without_all = cli().run({"cleanup", "--yes", "--region", "us-east-1"});
  ASSERT_EQ(without_all.exit_code, 0) << without_all.err;
  EXPECT_THAT(without_all.out, HasSubstr("keep VPC " + network.vpc_id +
                                         ": shared by every launch in the region; add --all"));
  EXPECT_THAT(without_all.out, HasSubstr("Deleted 1 security group in 1 region."));
  EXPECT_FALSE(group_exists(network.security_group_id));
  EXPECT_GT(count_in_vpc(network.vpc_id), 0u);

  CliOutcome all = cli().run({"cleanup", "--yes", "--all", "--region", "us-east-1"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_THAT(all.out, HasSubstr("delete route table " + extra_table));
  EXPECT_THAT(all.out, HasSubstr("1 route table, 1 internet gateway, 1 VPC, 1 S3 bucket"));
  auto vpcs = cloud().ec2().describe_vpcs_all({});
  ASSERT_TRUE(vpcs);
  EXPECT_TRUE(vpcs->empty());
  EXPECT_EQ(count_in_vpc(network.vpc_id), 0u);
  auto listing = cloud().s3().list_objects_all(bucket, "");
  ASSERT_FALSE(listing);
  EXPECT_EQ(listing.error().kind, ErrorKind::not_found);
}

}  // namespace
}  // namespace spawn::integration
