// The cleanup workflows below the command line, against localcloud: IAM taken apart in
// IAM's order once no instance in any region uses it (judged as if an hour had passed,
// since a role just made stays), and the background sweep of security groups, which
// deletes a group only after two sweeps kSweepGrace apart found it unused.
#include <gtest/gtest.h>

#include <algorithm>

#include "localcloud_fixture.hpp"
#include "spawn/ops/cleanup.hpp"
#include "spawn/ops/group_sweep.hpp"
#include "spawn/ops/instance_profile.hpp"
#include "spawn_cli_runner.hpp"
#include "util/time_format.hpp"

namespace spawn::integration {
namespace {

using namespace std::chrono_literals;

const std::vector<aws::Tag> kManaged = {{"spawn:managed", "true"}, {"spawn:created-by", "spawn"}};

class CleanupOpsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = TestCloud::start(dir_.path());
    ASSERT_TRUE(started) << started.error().message;
    cloud_ = std::move(*started);
  }
  TestCloud& cloud() { return *cloud_; }

  // A spawn group in the default VPC with `tags` added to spawn's.
  std::string spawn_group(const std::string& name, std::vector<aws::Tag> tags = {}) {
    tags.insert(tags.end(), kManaged.begin(), kManaged.end());
    auto id =
        cloud().ec2().create_security_group({.group_name = name,
                                             .description = "spawn test group",
                                             .tag_specifications = {{"security-group", tags}}});
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or("");
  }
  std::optional<aws::SecurityGroup> group(const std::string& id) {
    auto groups = cloud().ec2().describe_security_groups_all({.ids = {id}});
    if (!groups || groups->empty())
      return std::nullopt;
    return groups->front();
  }
  std::string launch(aws::RunInstancesRequest request) {
    auto id = cloud().launch(std::move(request));
    EXPECT_TRUE(id) << id.error().message;
    EXPECT_TRUE(id && cloud().wait_for_state(*id, "running"));
    return id.value_or("");
  }

  TempDir dir_;
  std::unique_ptr<TestCloud> cloud_;
};

// A role and its profile named `name`, as a custom-policy launch makes them.
void make_custom_role(TestCloud& cloud, const std::string& name) {
  ASSERT_TRUE(cloud.iam().create_role(
      {.name = name,
       .assume_role_policy =
           R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})",
       .description = "test",
       .path = "",
       .tags = kManaged}));
  ASSERT_TRUE(cloud.iam().create_instance_profile({.name = name, .path = "", .tags = kManaged}));
  ASSERT_TRUE(cloud.iam().add_role_to_instance_profile(name, name));
}

TEST_F(CleanupOpsTest, AnUnusedRoleAndProfileGoInIamsOrderAndAUsedOneStays) {
  ops::Saga saga;
  ASSERT_TRUE(ops::ensure_instance_profile(cloud().client(), {}, saga));
  saga.commit();
  const std::string custom = "spawn-instance-0badc0de";
  make_custom_role(cloud(), custom);
  aws::RunInstancesRequest with_profile;
  with_profile.iam_instance_profile_name = custom;
  const std::string instance = launch(with_profile);

  SpawnCli cli(cloud());
  ops::Inventory inventory = ops::discover_cleanup(
      cli.session(), {.regions = {"us-east-1", "eu-west-1"}, .iam = ops::IamScan::yes});
  ASSERT_TRUE(inventory.failed_regions.empty()) << inventory.failed_regions[0].error.message;
  ops::CleanupPlan plan =
      ops::plan_cleanup(inventory, {ops::CleanupScope::orphans, SystemClock().now() + 1h});

  std::vector<std::string> deletions;
  for (const auto& action : plan.deletions)
    deletions.push_back(action.id);
  EXPECT_EQ(deletions, (std::vector<std::string>{std::string(ops::kDefaultInstanceProfile),
                                                 std::string(ops::kDefaultInstanceRole)}));
  auto kept = std::find_if(plan.kept.begin(), plan.kept.end(),
                           [&](const auto& action) { return action.id == custom; });
  ASSERT_NE(kept, plan.kept.end());
  EXPECT_EQ(kept->detail, instance);

  ops::CleanupReport report = ops::execute_cleanup(cli.session(), plan);
  ASSERT_EQ(report.outcomes.size(), 2u);
  for (const auto& outcome : report.outcomes) {
    EXPECT_EQ(outcome.outcome, ops::Outcome::deleted)
        << outcome.action.id << ": " << (outcome.error ? outcome.error->message : "");
  }
  EXPECT_EQ(ops::deleted_counts(report)[ops::ResourceKind::role], 1);
  auto role = cloud().iam().get_role(std::string(ops::kDefaultInstanceRole));
  ASSERT_FALSE(role);
  EXPECT_EQ(role.error().kind, ErrorKind::not_found);
  auto profile = cloud().iam().get_instance_profile(std::string(ops::kDefaultInstanceProfile));
  ASSERT_FALSE(profile);
  EXPECT_EQ(profile.error().kind, ErrorKind::not_found);
  EXPECT_TRUE(cloud().iam().get_role(custom));
  EXPECT_TRUE(cloud().iam().get_instance_profile(custom));
}

TEST_F(CleanupOpsTest, TheSweepMarksAFreshOrphanDeletesAnOldOneAndKeepsAUsedOne) {
  const std::string long_ago = format_iso8601(SystemClock().now() - 1h);
  const std::string fresh = spawn_group("spawn-ssh-fresh");
  const std::string stale = spawn_group("spawn-ssh-stale", {{"spawn:unused-since", long_ago}});
  const std::string used = spawn_group("spawn-ssh-used", {{"spawn:unused-since", long_ago}});
  launch({.security_group_ids = {used}});

  auto swept = ops::sweep_orphaned_groups(cloud().client(), 10s);

  ASSERT_TRUE(swept) << swept.error().message;
  EXPECT_EQ(swept->deleted, std::vector<std::string>{stale});
  EXPECT_EQ(swept->marked, std::vector<std::string>{fresh});
  EXPECT_EQ(swept->unmarked, std::vector<std::string>{used});
  EXPECT_TRUE(swept->failures.empty());
  EXPECT_FALSE(swept->out_of_time);
  EXPECT_FALSE(group(stale).has_value());
  ASSERT_TRUE(group(fresh).has_value()) << "a group first found unused must survive kSweepGrace";
  EXPECT_TRUE(aws::tag_value(group(fresh)->tags, ops::kUnusedSinceKey).has_value());
  ASSERT_TRUE(group(used).has_value());
  EXPECT_FALSE(aws::tag_value(group(used)->tags, ops::kUnusedSinceKey).has_value());

  auto again = ops::start_group_sweep(cloud().client(), 10s).get();
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(again->deleted.empty()) << "the fresh group was marked moments ago";
  EXPECT_TRUE(group(fresh).has_value());
}

TEST_F(CleanupOpsTest, TheSweepStartsNoDeletionOnceItsBudgetIsSpent) {
  const std::string long_ago = format_iso8601(SystemClock().now() - 1h);
  const std::string stale = spawn_group("spawn-ssh-stale", {{"spawn:unused-since", long_ago}});

  auto swept = ops::sweep_orphaned_groups(cloud().client(), 0ms);

  ASSERT_TRUE(swept) << swept.error().message;
  EXPECT_TRUE(swept->out_of_time);
  EXPECT_TRUE(swept->deleted.empty());
  EXPECT_TRUE(group(stale).has_value());
}

}  // namespace
}  // namespace spawn::integration
