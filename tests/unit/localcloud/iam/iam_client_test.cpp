// spawn's own IAM client against localcloud's IAM: what spawn does to give an
// instance a role, and to take it apart again, read back through the same
// parsers spawn uses against AWS.
#include <gtest/gtest.h>

#include "aws/iam.hpp"
#include "iam_test_support.hpp"

namespace spawn::localcloud::testing {
namespace {

class IamClientTest : public IamServiceTest {
 protected:
  aws::IamClient iam{harness.client()};
};

TEST_F(IamClientTest, SpawnCreatesARoleAndReadsItBack) {
  auto created = iam.create_role(aws::CreateRoleRequest{"spawn-role",
                                                        std::string(kTrustPolicy),
                                                        "spawn instance role",
                                                        "/spawn/",
                                                        {{"spawn:managed", "true"}}});
  ASSERT_TRUE(created.has_value()) << created.error().message;
  auto fetched = iam.get_role("spawn-role");
  ASSERT_TRUE(fetched.has_value()) << fetched.error().message;
  EXPECT_EQ(fetched->id, created->id);
  EXPECT_EQ(fetched->arn, "arn:aws:iam::123456789012:role/spawn/spawn-role");
  EXPECT_EQ(fetched->assume_role_policy, kTrustPolicy);
  EXPECT_EQ(fetched->description, "spawn instance role");
  EXPECT_EQ(fetched->created, kStartTime);
  ASSERT_EQ(fetched->tags.size(), 1u);
  EXPECT_EQ(fetched->tags[0].key, "spawn:managed");
}

TEST_F(IamClientTest, SpawnWiresAnInstanceProfileAndTearsItDown) {
  ASSERT_TRUE(iam.create_role({"spawn-role", std::string(kTrustPolicy), "", "", {}}));
  ASSERT_TRUE(iam.put_role_policy("spawn-role", "read", std::string(kS3ReadPolicy)));
  ASSERT_TRUE(iam.attach_role_policy("spawn-role", std::string(kSsmManagedPolicy)));
  ASSERT_TRUE(iam.create_instance_profile({"spawn-profile", "", {}}));
  ASSERT_TRUE(iam.add_role_to_instance_profile("spawn-profile", "spawn-role"));

  auto profile = iam.get_instance_profile("spawn-profile");
  ASSERT_TRUE(profile.has_value()) << profile.error().message;
  ASSERT_EQ(profile->roles.size(), 1u);
  EXPECT_EQ(profile->roles[0].name, "spawn-role");
  EXPECT_EQ(profile->roles[0].assume_role_policy, kTrustPolicy);

  auto blocked = iam.delete_role("spawn-role");
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().aws->code, "DeleteConflict");
  EXPECT_EQ(blocked.error().aws->http_status, 409);

  auto inline_names = iam.list_role_policies_all("spawn-role");
  auto attached = iam.list_attached_role_policies_all("spawn-role");
  auto profiles = iam.list_instance_profiles_for_role_all("spawn-role");
  ASSERT_TRUE(inline_names && attached && profiles);
  EXPECT_EQ(*inline_names, std::vector<std::string>{"read"});
  ASSERT_EQ(attached->size(), 1u);
  EXPECT_EQ((*attached)[0].arn, kSsmManagedPolicy);
  ASSERT_EQ(profiles->size(), 1u);
  for (const std::string& name : *inline_names)
    ASSERT_TRUE(iam.delete_role_policy("spawn-role", name));
  for (const aws::AttachedPolicy& policy : *attached)
    ASSERT_TRUE(iam.detach_role_policy("spawn-role", policy.arn));
  for (const aws::InstanceProfile& held : *profiles) {
    ASSERT_TRUE(iam.remove_role_from_instance_profile(held.name, "spawn-role"));
    ASSERT_TRUE(iam.delete_instance_profile(held.name));
  }
  EXPECT_TRUE(iam.delete_role("spawn-role").has_value());
  auto gone = iam.get_role("spawn-role");
  ASSERT_FALSE(gone.has_value());
  EXPECT_EQ(gone.error().kind, ErrorKind::not_found);
  EXPECT_EQ(gone.error().aws->code, "NoSuchEntity");
}

TEST_F(IamClientTest, SpawnFollowsMarkersAcrossPages) {
  ASSERT_TRUE(iam.create_role({"spawn-role", std::string(kTrustPolicy), "", "", {}}));
  for (std::string name : {"p1", "p2", "p3"})
    ASSERT_TRUE(iam.put_role_policy("spawn-role", name, std::string(kS3ReadPolicy)));
  auto first = iam.list_role_policies({"spawn-role", {.max_results = 2}});
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->items, (std::vector<std::string>{"p1", "p2"}));
  EXPECT_FALSE(first->next_token.empty());
  auto second =
      iam.list_role_policies({"spawn-role", {.max_results = 2, .next_token = first->next_token}});
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->items, std::vector<std::string>{"p3"});
  EXPECT_TRUE(second->next_token.empty());
}

TEST_F(IamClientTest, ConflictsReachSpawnAsConflicts) {
  ASSERT_TRUE(iam.create_role({"spawn-role", std::string(kTrustPolicy), "", "", {}}));
  auto again = iam.create_role({"spawn-role", std::string(kTrustPolicy), "", "", {}});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().kind, ErrorKind::conflict);
  EXPECT_EQ(again.error().aws->code, "EntityAlreadyExists");
}

}  // namespace
}  // namespace spawn::localcloud::testing
