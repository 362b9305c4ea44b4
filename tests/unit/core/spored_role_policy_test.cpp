#include "core/spored_role_policy.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace spawn {
namespace {

using ::testing::UnorderedElementsAre;

nlohmann::json statement_allowing(const nlohmann::json& policy, std::string_view action) {
  for (const auto& statement : policy["Statement"]) {
    const auto& actions = statement["Action"];
    bool listed = actions.is_string() ? actions == action
                                      : std::ranges::find(actions, action) != actions.end();
    if (listed && statement["Effect"] == "Allow")
      return statement;
  }
  return nullptr;
}

TEST(SporedRolePolicy, StopsAndTerminatesOnlyInstancesTaggedManaged) {
  auto policy = nlohmann::json::parse(spored_role_policy());
  for (auto action : {"ec2:StopInstances", "ec2:TerminateInstances"}) {
    auto statement = statement_allowing(policy, action);
    ASSERT_FALSE(statement.is_null()) << action;
    EXPECT_EQ(statement["Resource"], "arn:aws:ec2:*:*:instance/*") << action;
    EXPECT_EQ(statement["Condition"]["StringEquals"]["aws:ResourceTag/spawn:managed"], "true")
        << action;
  }
}

TEST(SporedRolePolicy, TagsOnlyManagedInstancesAndOnlyWithItsOwnKeys) {
  auto policy = nlohmann::json::parse(spored_role_policy());
  auto statement = statement_allowing(policy, "ec2:CreateTags");
  ASSERT_FALSE(statement.is_null());
  EXPECT_EQ(statement["Condition"]["StringEquals"]["aws:ResourceTag/spawn:managed"], "true");
  EXPECT_THAT(statement["Condition"]["ForAllValues:StringEquals"]["aws:TagKeys"],
              UnorderedElementsAre("spawn:last-stop-reason", "spawn:last-stop-time",
                                   "spawn:completion-status", "spawn:completion-message"));
}

TEST(SporedRolePolicy, GrantsNothingElse) {
  auto policy = nlohmann::json::parse(spored_role_policy());
  std::vector<std::string> actions;
  for (const auto& statement : policy["Statement"]) {
    EXPECT_EQ(statement["Effect"], "Allow");
    if (statement["Action"].is_string()) {
      actions.push_back(statement["Action"]);
    } else {
      for (const auto& action : statement["Action"])
        actions.push_back(action);
    }
  }
  EXPECT_THAT(actions,
              UnorderedElementsAre("ec2:DescribeTags", "ec2:DescribeInstances", "ec2:StopInstances",
                                   "ec2:TerminateInstances", "ec2:CreateTags"));
}

}  // namespace
}  // namespace spawn
