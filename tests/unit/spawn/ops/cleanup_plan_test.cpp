// plan_cleanup(): what goes, what stays and why, and the order deletions run in.
#include "spawn/ops/cleanup_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace spawn::ops {
namespace {

const SystemTime kNow = SystemTime(std::chrono::seconds(1'767'225'600));
const std::vector<aws::Tag> kManaged = {{"spawn:managed", "true"}, {"spawn:created-by", "spawn"}};

aws::Instance instance(std::string id) {
  aws::Instance made;
  made.instance_id = std::move(id);
  made.state = {16, "running"};
  return made;
}

aws::Instance instance_in_group(std::string id, std::string group_id) {
  aws::Instance made = instance(std::move(id));
  made.security_groups.push_back({std::move(group_id), "spawn-ssh"});
  return made;
}

aws::SecurityGroup group(std::string id, std::string vpc_id = "vpc-default",
                         std::vector<aws::Tag> tags = kManaged) {
  return {.group_id = id, .group_name = "spawn-ssh-" + id, .vpc_id = vpc_id, .tags = tags};
}

aws::KeyPair key(std::string name, std::vector<aws::Tag> tags = kManaged) {
  return {.key_name = std::move(name), .tags = std::move(tags)};
}

// The spawn VPC as a launch builds it: a subnet, the main route table with the default
// route, an attached gateway, the default group and spawn's SSH group.
SpawnVpc spawn_vpc(const std::string& id) {
  SpawnVpc made;
  made.vpc = {.vpc_id = id, .state = "available", .tags = kManaged};
  made.subnets = {{.subnet_id = "subnet-" + id, .vpc_id = id, .tags = kManaged}};
  made.route_tables = {{.route_table_id = "rtb-main-" + id,
                        .vpc_id = id,
                        .associations = {{.association_id = "rtbassoc-1", .main = true}}}};
  made.gateways = {
      {.internet_gateway_id = "igw-" + id, .attachments = {{id, "available"}}, .tags = kManaged}};
  made.security_groups = {{.group_id = "sg-default-" + id, .group_name = "default", .vpc_id = id},
                          group("sg-in-" + id, id)};
  return made;
}

aws::InstanceProfile profile(std::string name, std::vector<std::string> role_names = {},
                             std::vector<aws::Tag> tags = kManaged) {
  aws::InstanceProfile made;
  made.name = name;
  made.arn = "arn:aws:iam::123456789012:instance-profile/" + name;
  made.created = kNow - std::chrono::hours(24);
  made.tags = std::move(tags);
  for (auto& role_name : role_names) {
    made.roles.emplace_back();
    made.roles.back().name = std::move(role_name);
  }
  return made;
}

aws::Role role(std::string name) {
  aws::Role made;
  made.name = std::move(name);
  made.created = kNow - std::chrono::hours(24);
  made.tags = kManaged;
  return made;
}

IamInventory spored_iam() {
  return {{role("spored-instance-role")},
          {profile("spored-instance-profile", {"spored-instance-role"})}};
}

CleanupPlan plan(const Inventory& inventory, CleanupScope scope = CleanupScope::orphans) {
  return plan_cleanup(inventory, {scope, kNow});
}

std::vector<std::string> ids(const std::vector<CleanupAction>& actions) {
  std::vector<std::string> out;
  for (const auto& action : actions)
    out.push_back(action.id);
  return out;
}

const CleanupAction* find(const std::vector<CleanupAction>& actions, const std::string& id) {
  auto found = std::find_if(actions.begin(), actions.end(),
                            [&](const CleanupAction& action) { return action.id == id; });
  return found == actions.end() ? nullptr : &*found;
}

using Ids = std::vector<std::string>;

TEST(CleanupPlan, AGroupNoInstanceUsesGoesAndOneInUseStaysNamingItsInstance) {
  RegionInventory region{.region = "eu-west-1",
                         .instances = {instance_in_group("i-1", "sg-used")},
                         .security_groups = {group("sg-used"), group("sg-orphan")}};
  CleanupPlan result = plan({.regions = {region}});

  EXPECT_EQ(ids(result.deletions), Ids{"sg-orphan"});
  EXPECT_EQ(result.deletions[0].region, "eu-west-1");
  EXPECT_EQ(result.deletions[0].label, "spawn-ssh-sg-orphan");
  EXPECT_EQ(result.deletions[0].reason, Reason::unused);
  const CleanupAction* kept = find(result.kept, "sg-used");
  ASSERT_NE(kept, nullptr);
  EXPECT_EQ(kept->reason, Reason::in_use);
  EXPECT_EQ(kept->detail, "i-1");
}

TEST(CleanupPlan, ADefaultGroupIsNeverDeletedEvenWhenTaggedAsSpawns) {
  aws::SecurityGroup default_group = group("sg-default");
  default_group.group_name = "default";
  CleanupPlan result = plan({.regions = {{.region = "r", .security_groups = {default_group}}}});

  EXPECT_TRUE(result.deletions.empty());
  ASSERT_NE(find(result.kept, "sg-default"), nullptr);
  EXPECT_EQ(find(result.kept, "sg-default")->reason, Reason::default_group);
}

TEST(CleanupPlan, AGroupWithoutTheSpawnManagedTagIsNotTouched) {
  CleanupPlan result =
      plan({.regions = {
                {.region = "r",
                 .security_groups = {group("sg-user", "vpc-1", {{"spawn:managed", "false"}})}}}});
  EXPECT_TRUE(result.deletions.empty());
  EXPECT_TRUE(result.kept.empty());
}

TEST(CleanupPlan, ImportedKeysStayEvenWhenNoInstanceUsesThem) {
  RegionInventory region{
      .region = "r",
      .key_pairs = {key("spawn-key-alice", {{"spawn:managed", "true"}, {"spawn:keep", "true"}}),
                    key("spawn-key-bob", {{"spawn:managed", "true"}, {"spawn:imported", "true"}})}};
  CleanupPlan result = plan({.regions = {region}}, CleanupScope::all);

  EXPECT_TRUE(result.deletions.empty());
  ASSERT_EQ(result.kept.size(), 2u);
  EXPECT_EQ(result.kept[0].reason, Reason::keep_tag);
  EXPECT_EQ(result.kept[1].reason, Reason::keep_tag);
}

TEST(CleanupPlan, ASpawnCreatedKeyGoesWhenUnusedAndStaysWhileAnInstanceUsesIt) {
  aws::Instance user = instance("i-7");
  user.key_name = "spawn-used";
  RegionInventory region{
      .region = "r",
      .instances = {user},
      .key_pairs = {key("spawn-used"), key("spawn-left"), key("someone-elses", {})}};
  CleanupPlan result = plan({.regions = {region}});

  EXPECT_EQ(ids(result.deletions), Ids{"spawn-left"});
  EXPECT_EQ(result.deletions[0].kind, ResourceKind::key_pair);
  ASSERT_NE(find(result.kept, "spawn-used"), nullptr);
  EXPECT_EQ(find(result.kept, "spawn-used")->detail, "i-7");
  EXPECT_EQ(find(result.kept, "someone-elses"), nullptr);
}

TEST(CleanupPlan, TheSpawnVpcStaysWithoutAllButItsUnusedGroupGoes) {
  RegionInventory region{.region = "r",
                         .security_groups = {group("sg-in-vpc-1", "vpc-1")},
                         .vpcs = {spawn_vpc("vpc-1")}};
  CleanupPlan result = plan({.regions = {region}});

  EXPECT_EQ(ids(result.deletions), Ids{"sg-in-vpc-1"});
  EXPECT_EQ(result.deletions[0].unit, "") << "the VPC stays, so the group is on its own";
  ASSERT_NE(find(result.kept, "vpc-1"), nullptr);
  EXPECT_EQ(find(result.kept, "vpc-1")->reason, Reason::needs_all);
}

TEST(CleanupPlan, TheSpawnVpcStaysWhileAnInstanceIsInItEvenWithAll) {
  aws::Instance stopped = instance("i-stopped");
  stopped.state = {80, "stopped"};
  stopped.vpc_id = "vpc-1";
  CleanupPlan result =
      plan({.regions = {{.region = "r", .instances = {stopped}, .vpcs = {spawn_vpc("vpc-1")}}}},
           CleanupScope::all);

  EXPECT_TRUE(result.deletions.empty());
  ASSERT_NE(find(result.kept, "vpc-1"), nullptr);
  EXPECT_EQ(find(result.kept, "vpc-1")->reason, Reason::in_use);
  EXPECT_EQ(find(result.kept, "vpc-1")->detail, "i-stopped");
}

TEST(CleanupPlan, TheSpawnVpcStaysWhenItHoldsSomethingSpawnDidNotCreate) {
  SpawnVpc found = spawn_vpc("vpc-1");
  found.subnets.push_back({.subnet_id = "subnet-users", .vpc_id = "vpc-1"});
  CleanupPlan result = plan({.regions = {{.region = "r", .vpcs = {found}}}}, CleanupScope::all);

  EXPECT_TRUE(result.deletions.empty());
  ASSERT_NE(find(result.kept, "vpc-1"), nullptr);
  EXPECT_EQ(find(result.kept, "vpc-1")->reason, Reason::foreign_part);
  EXPECT_EQ(find(result.kept, "vpc-1")->detail, "subnet-users");
}

TEST(CleanupPlan, AnEmptySpawnVpcWithAllGoesPartsFirstInDependencyOrder) {
  SpawnVpc found = spawn_vpc("vpc-1");
  found.route_tables.push_back(
      {.route_table_id = "rtb-extra", .vpc_id = "vpc-1", .tags = kManaged});
  RegionInventory region{.region = "r",
                         .security_groups = {group("sg-in-vpc-1", "vpc-1")},
                         .key_pairs = {key("spawn-left")},
                         .vpcs = {found}};
  CleanupPlan result = plan({.regions = {region}}, CleanupScope::all);

  EXPECT_EQ(ids(result.deletions),
            (Ids{"sg-in-vpc-1", "spawn-left", "subnet-vpc-1", "rtb-extra", "igw-vpc-1", "vpc-1"}))
      << "the main route table and the default group go with the VPC itself";
  for (const auto& action : result.deletions) {
    if (action.kind != ResourceKind::key_pair) {
      EXPECT_EQ(action.unit, "vpc-1") << action.id;
    }
  }
  EXPECT_EQ(find(result.deletions, "igw-vpc-1")->parent, "vpc-1") << "detached from it first";
}

TEST(CleanupPlan, RegionsKeepTheirOrderAndIamComesLastProfileBeforeRole) {
  Inventory inventory{.regions = {{.region = "b-region", .security_groups = {group("sg-b")}},
                                  {.region = "a-region", .security_groups = {group("sg-a")}}},
                      .iam = spored_iam()};
  CleanupPlan result = plan(inventory);

  EXPECT_EQ(ids(result.deletions),
            (Ids{"sg-b", "sg-a", "spored-instance-profile", "spored-instance-role"}));
  const CleanupAction& profile_action = result.deletions[2];
  EXPECT_EQ(profile_action.region, kGlobalRegion);
  EXPECT_EQ(profile_action.kind, ResourceKind::instance_profile);
  EXPECT_EQ(profile_action.parent, "spored-instance-role") << "the role is taken out first";
  EXPECT_EQ(profile_action.unit, result.deletions[3].unit) << "a failed profile keeps the role";
}

TEST(CleanupPlan, AProfileUsedInAnotherRegionKeepsProfileAndRole) {
  aws::Instance user = instance("i-far");
  user.iam_instance_profile_arn =
      "arn:aws:iam::123456789012:instance-profile/spored-instance-profile";
  Inventory inventory{.regions = {{.region = "near"}, {.region = "far", .instances = {user}}},
                      .iam = spored_iam()};
  CleanupPlan result = plan(inventory);

  EXPECT_TRUE(result.deletions.empty());
  ASSERT_NE(find(result.kept, "spored-instance-profile"), nullptr);
  EXPECT_EQ(find(result.kept, "spored-instance-profile")->detail, "i-far");
  ASSERT_NE(find(result.kept, "spored-instance-role"), nullptr);
  EXPECT_EQ(find(result.kept, "spored-instance-role")->reason, Reason::profile_stays);
}

TEST(CleanupPlan, ARegionThatCouldNotBeScannedKeepsAllOfIam) {
  Inventory inventory{
      .regions = {{.region = "ok"}},
      .failed_regions = {{"ap-south-2", {ErrorKind::network, "timed out", std::nullopt}}},
      .iam = spored_iam()};
  CleanupPlan result = plan(inventory);

  EXPECT_TRUE(result.deletions.empty());
  ASSERT_EQ(result.kept.size(), 2u);
  EXPECT_EQ(result.kept[0].reason, Reason::region_not_scanned);
  EXPECT_EQ(result.kept[0].detail, "ap-south-2");
}

TEST(CleanupPlan, ARoleCreatedMomentsAgoStaysForTheLaunchAboutToUseIt) {
  IamInventory iam{{role("spawn-instance-02cc10a3")}, {}};
  iam.roles[0].created = kNow - std::chrono::minutes(2);
  CleanupPlan result = plan({.regions = {{.region = "r"}}, .iam = iam});

  EXPECT_TRUE(result.deletions.empty());
  ASSERT_EQ(result.kept.size(), 1u);
  EXPECT_EQ(result.kept[0].reason, Reason::recently_created);
}

TEST(CleanupPlan, ARoleInAProfileSpawnDidNotCreateStays) {
  IamInventory iam{{role("spawn-instance-02cc10a3")},
                   {profile("users-profile", {"spawn-instance-02cc10a3"}, {})}};
  CleanupPlan result = plan({.regions = {{.region = "r"}}, .iam = iam});

  EXPECT_TRUE(result.deletions.empty());
  ASSERT_EQ(result.kept.size(), 1u);
  EXPECT_EQ(result.kept[0].reason, Reason::foreign_profile);
  EXPECT_EQ(result.kept[0].detail, "users-profile");
}

TEST(CleanupPlan, IamNotLookedAtPlansNothingForIam) {
  CleanupPlan result = plan({.regions = {{.region = "r"}}, .iam = std::nullopt});
  EXPECT_TRUE(result.deletions.empty());
  EXPECT_TRUE(result.kept.empty());
}

TEST(CleanupPlan, TheAgentBucketGoesOnlyWithAllAndWhenNoSpawnInstanceIsAlive) {
  AgentBucket bucket{"spawn-agent-abc-r", {{"spawn:managed", "true"}, {"spawn:purpose", "agent"}}};
  aws::Instance users = instance("i-users");  // not spawn's: does not fetch the agent
  RegionInventory region{.region = "r", .instances = {users}, .agent_bucket = bucket};

  EXPECT_TRUE(plan({.regions = {region}}).deletions.empty());
  EXPECT_EQ(ids(plan({.regions = {region}}, CleanupScope::all).deletions),
            Ids{"spawn-agent-abc-r"});

  aws::Instance spawned = instance("i-spawned");
  spawned.tags = kManaged;
  region.instances.push_back(spawned);
  CleanupPlan result = plan({.regions = {region}}, CleanupScope::all);
  EXPECT_TRUE(result.deletions.empty());
  ASSERT_NE(find(result.kept, "spawn-agent-abc-r"), nullptr);
  EXPECT_EQ(find(result.kept, "spawn-agent-abc-r")->detail, "i-spawned");
}

TEST(CleanupPlan, ABucketWithoutSpawnsTagsStays) {
  RegionInventory region{.region = "r", .agent_bucket = AgentBucket{"spawn-agent-abc-r", {}}};
  CleanupPlan result = plan({.regions = {region}}, CleanupScope::all);
  EXPECT_TRUE(result.deletions.empty());
  ASSERT_EQ(result.kept.size(), 1u);
  EXPECT_EQ(result.kept[0].reason, Reason::not_tagged);
}

TEST(CleanupPlan, KindNamesAreTheStableJsonSpelling) {
  EXPECT_EQ(kind_name(ResourceKind::security_group), "security-group");
  EXPECT_EQ(kind_name(ResourceKind::internet_gateway), "internet-gateway");
  EXPECT_EQ(kind_name(ResourceKind::role), "role");
  EXPECT_EQ(reason_name(Reason::unused), "unused");
  EXPECT_EQ(reason_name(Reason::region_not_scanned), "region-not-scanned");
  EXPECT_EQ(reason_name(Reason::not_tagged), "not-tagged");
}

}  // namespace
}  // namespace spawn::ops
