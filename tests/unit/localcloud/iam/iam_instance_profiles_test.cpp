#include <gtest/gtest.h>

#include "iam_test_support.hpp"

namespace spawn::localcloud::testing {
namespace {

TEST_F(IamServiceTest, CreateInstanceProfileAnswersAnEmptyProfile) {
  XmlAnswer created =
      create_instance_profile("demo-profile", {{"Path", "/spawn/"},
                                               {"Tags.member.1.Key", "spawn:managed"},
                                               {"Tags.member.1.Value", "true"}});
  ASSERT_EQ(created.status, 200);
  std::string profile = "CreateInstanceProfileResult/InstanceProfile/";
  EXPECT_EQ(created.text(profile + "InstanceProfileName"), "demo-profile");
  EXPECT_EQ(created.text(profile + "Arn"),
            "arn:aws:iam::123456789012:instance-profile/spawn/demo-profile");
  std::string id = created.text(profile + "InstanceProfileId");
  EXPECT_TRUE(id.starts_with("AIPA")) << id;
  EXPECT_EQ(id.size(), 21u);
  EXPECT_TRUE(created.at(profile + "Roles"));
  EXPECT_TRUE(created.members(profile + "Roles").empty());
  EXPECT_EQ(created.members(profile + "Tags", "Key"), std::vector<std::string>{"spawn:managed"});
}

TEST_F(IamServiceTest, GetInstanceProfileShowsTheRoleItHolds) {
  create_role("demo-role");
  create_instance_profile("demo-profile");
  ASSERT_EQ(add_role("demo-profile", "demo-role").status, 200);
  XmlAnswer fetched = harness.call("GetInstanceProfile", {{"InstanceProfileName", "demo-profile"}});
  ASSERT_EQ(fetched.status, 200);
  std::string roles = "GetInstanceProfileResult/InstanceProfile/Roles";
  EXPECT_EQ(fetched.members(roles, "RoleName"), std::vector<std::string>{"demo-role"});
  EXPECT_EQ(fetched.members(roles, "Arn"),
            std::vector<std::string>{"arn:aws:iam::123456789012:role/demo-role"});
}

TEST_F(IamServiceTest, AProfileHoldsOneRoleOnly) {
  create_role("first");
  create_role("second");
  create_instance_profile("demo-profile");
  add_role("demo-profile", "first");
  XmlAnswer second = add_role("demo-profile", "second");
  expect_query_error(second, 409, "LimitExceeded");
  EXPECT_EQ(second.text("Error/Message"),
            "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
}

TEST_F(IamServiceTest, DeleteInstanceProfileRefusesWhileItHoldsARole) {
  create_role("demo-role");
  create_instance_profile("demo-profile");
  add_role("demo-profile", "demo-role");
  expect_query_error(
      harness.call("DeleteInstanceProfile", {{"InstanceProfileName", "demo-profile"}}), 409,
      "DeleteConflict");
  XmlAnswer removed =
      harness.call("RemoveRoleFromInstanceProfile",
                   {{"InstanceProfileName", "demo-profile"}, {"RoleName", "demo-role"}});
  EXPECT_EQ(removed.status, 200);
  EXPECT_EQ(harness.call("DeleteInstanceProfile", {{"InstanceProfileName", "demo-profile"}}).status,
            200);
  expect_query_error(harness.call("GetInstanceProfile", {{"InstanceProfileName", "demo-profile"}}),
                     404, "NoSuchEntity");
}

TEST_F(IamServiceTest, UnknownProfilesAndRolesAreNoSuchEntity) {
  XmlAnswer missing = harness.call("GetInstanceProfile", {{"InstanceProfileName", "ghost"}});
  expect_query_error(missing, 404, "NoSuchEntity");
  EXPECT_EQ(missing.text("Error/Message"), "Instance Profile ghost cannot be found.");
  create_instance_profile("demo-profile");
  expect_query_error(add_role("demo-profile", "ghost-role"), 404, "NoSuchEntity");
  expect_query_error(
      harness.call("RemoveRoleFromInstanceProfile",
                   {{"InstanceProfileName", "demo-profile"}, {"RoleName", "ghost-role"}}),
      404, "NoSuchEntity");
  expect_query_error(harness.call("ListInstanceProfilesForRole", {{"RoleName", "ghost-role"}}), 404,
                     "NoSuchEntity");
}

TEST_F(IamServiceTest, CreatingAProfileTwiceIsEntityAlreadyExists) {
  create_instance_profile("demo-profile");
  XmlAnswer again = create_instance_profile("demo-profile");
  expect_query_error(again, 409, "EntityAlreadyExists");
  EXPECT_EQ(again.text("Error/Message"), "Instance Profile demo-profile already exists.");
}

TEST_F(IamServiceTest, ListInstanceProfilesForRoleFindsTheProfilesHoldingIt) {
  create_role("demo-role");
  for (std::string name : {"b-profile", "a-profile", "other"})
    create_instance_profile(name);
  add_role("b-profile", "demo-role");
  add_role("a-profile", "demo-role");
  XmlAnswer listed = harness.call("ListInstanceProfilesForRole", {{"RoleName", "demo-role"}});
  ASSERT_EQ(listed.status, 200);
  std::string list = "ListInstanceProfilesForRoleResult/InstanceProfiles";
  EXPECT_EQ(listed.members(list, "InstanceProfileName"),
            (std::vector<std::string>{"a-profile", "b-profile"}));
  EXPECT_EQ(listed.text("ListInstanceProfilesForRoleResult/IsTruncated"), "false");
  XmlAnswer all = harness.call("ListInstanceProfiles", {{"MaxItems", "2"}});
  EXPECT_EQ(all.members("ListInstanceProfilesResult/InstanceProfiles", "InstanceProfileName"),
            (std::vector<std::string>{"a-profile", "b-profile"}));
  EXPECT_EQ(all.text("ListInstanceProfilesResult/IsTruncated"), "true");
}

}  // namespace
}  // namespace spawn::localcloud::testing
