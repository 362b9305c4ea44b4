#include <gtest/gtest.h>

#include "iam_test_support.hpp"
#include "util/encoding.hpp"
#include "util/time_format.hpp"

namespace spawn::localcloud::testing {
namespace {

std::string url_decoded(const std::string& text) {
  return percent_decode(text, PlusMeans::plus).value_or("<not decodable>");
}

TEST_F(IamServiceTest, CreateRoleAnswersTheRoleAsIamDoes) {
  XmlAnswer created = create_role("demo-role", {{"Description", "spawn instance role"},
                                                {"Tags.member.1.Key", "Project"},
                                                {"Tags.member.1.Value", "demo"}});
  ASSERT_EQ(created.status, 200);
  EXPECT_EQ(created.root_name(), "CreateRoleResponse");
  std::string role = "CreateRoleResult/Role/";
  EXPECT_EQ(created.text(role + "RoleName"), "demo-role");
  EXPECT_EQ(created.text(role + "Path"), "/");
  EXPECT_EQ(created.text(role + "Arn"), "arn:aws:iam::123456789012:role/demo-role");
  std::string id = created.text(role + "RoleId");
  EXPECT_TRUE(id.starts_with("AROA")) << id;
  EXPECT_EQ(id.size(), 21u);
  EXPECT_EQ(created.text(role + "CreateDate"), format_iso8601(kStartTime));
  EXPECT_EQ(created.text(role + "Description"), "spawn instance role");
  EXPECT_EQ(created.text(role + "MaxSessionDuration"), "3600");
  EXPECT_EQ(url_decoded(created.text(role + "AssumeRolePolicyDocument")), kTrustPolicy);
  EXPECT_EQ(created.members(role + "Tags", "Key"), std::vector<std::string>{"Project"});
  EXPECT_EQ(created.members(role + "Tags", "Value"), std::vector<std::string>{"demo"});
  EXPECT_FALSE(created.text("ResponseMetadata/RequestId").empty());
}

TEST_F(IamServiceTest, GetRoleAnswersWhatCreateRoleStored) {
  XmlAnswer created = create_role("demo-role", {{"Path", "/spawn/"}});
  XmlAnswer fetched = harness.call("GetRole", {{"RoleName", "demo-role"}});
  ASSERT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.text("GetRoleResult/Role/RoleId"),
            created.text("CreateRoleResult/Role/RoleId"));
  EXPECT_EQ(fetched.text("GetRoleResult/Role/Arn"),
            "arn:aws:iam::123456789012:role/spawn/demo-role");
  EXPECT_EQ(fetched.text("GetRoleResult/Role/Path"), "/spawn/");
  EXPECT_EQ(url_decoded(fetched.text("GetRoleResult/Role/AssumeRolePolicyDocument")), kTrustPolicy);
}

TEST_F(IamServiceTest, RolesAreGlobalAndNamedRegardlessOfCase) {
  create_role("demo-role");
  XmlAnswer elsewhere = harness.call("GetRole", {{"RoleName", "DEMO-ROLE"}}, "eu-west-1");
  EXPECT_EQ(elsewhere.status, 200);
  EXPECT_EQ(elsewhere.text("GetRoleResult/Role/RoleName"), "demo-role");
  expect_query_error(create_role("Demo-Role"), 409, "EntityAlreadyExists");
}

TEST_F(IamServiceTest, CreatingARoleTwiceIsEntityAlreadyExists) {
  create_role("demo-role");
  XmlAnswer again = create_role("demo-role");
  expect_query_error(again, 409, "EntityAlreadyExists");
  EXPECT_EQ(again.text("Error/Message"), "Role with name demo-role already exists.");
}

TEST_F(IamServiceTest, AnUnknownRoleIsNoSuchEntity) {
  XmlAnswer missing = harness.call("GetRole", {{"RoleName", "nobody"}});
  expect_query_error(missing, 404, "NoSuchEntity");
  EXPECT_EQ(missing.text("Error/Message"), "The role with name nobody cannot be found.");
  expect_query_error(harness.call("DeleteRole", {{"RoleName", "nobody"}}), 404, "NoSuchEntity");
}

TEST_F(IamServiceTest, MissingOrMalformedInputIsValidationError) {
  XmlAnswer unnamed = harness.call("CreateRole", {{"AssumeRolePolicyDocument", "{}"}});
  expect_query_error(unnamed, 400, "ValidationError");
  EXPECT_EQ(unnamed.text("Error/Message"),
            "1 validation error detected: Value null at 'roleName' failed to satisfy "
            "constraint: Member must not be null");
  XmlAnswer both = harness.call("CreateRole", {{"RoleName", "bad name"}, {"Path", "spawn"}});
  expect_query_error(both, 400, "ValidationError");
  EXPECT_TRUE(both.text("Error/Message").starts_with("3 validation errors detected: "))
      << both.text("Error/Message");
  expect_query_error(create_role("demo-role", {{"MaxSessionDuration", "60"}}), 400,
                     "ValidationError");
}

TEST_F(IamServiceTest, ATrustPolicyThatIsNotJsonIsMalformedPolicyDocument) {
  XmlAnswer answer = harness.call(
      "CreateRole", {{"RoleName", "demo-role"}, {"AssumeRolePolicyDocument", "{not json"}});
  expect_query_error(answer, 400, "MalformedPolicyDocument");
  expect_query_error(harness.call("GetRole", {{"RoleName", "demo-role"}}), 404, "NoSuchEntity");
}

TEST_F(IamServiceTest, MaxSessionDurationIsKept) {
  create_role("long-role", {{"MaxSessionDuration", "43200"}});
  EXPECT_EQ(harness.call("GetRole", {{"RoleName", "long-role"}})
                .text("GetRoleResult/Role/MaxSessionDuration"),
            "43200");
}

TEST_F(IamServiceTest, DeleteRoleRefusesWhileSomethingStillUsesIt) {
  create_role("demo-role");
  harness.call("PutRolePolicy", {{"RoleName", "demo-role"},
                                 {"PolicyName", "read"},
                                 {"PolicyDocument", std::string(kS3ReadPolicy)}});
  harness.call("AttachRolePolicy",
               {{"RoleName", "demo-role"}, {"PolicyArn", std::string(kSsmManagedPolicy)}});
  create_instance_profile("demo-profile");
  add_role("demo-profile", "demo-role");

  XmlAnswer blocked = harness.call("DeleteRole", {{"RoleName", "demo-role"}});
  expect_query_error(blocked, 409, "DeleteConflict");
  EXPECT_EQ(blocked.text("Error/Message"), "Cannot delete entity, must delete policies first.");
  harness.call("DeleteRolePolicy", {{"RoleName", "demo-role"}, {"PolicyName", "read"}});
  expect_query_error(harness.call("DeleteRole", {{"RoleName", "demo-role"}}), 409,
                     "DeleteConflict");
  harness.call("DetachRolePolicy",
               {{"RoleName", "demo-role"}, {"PolicyArn", std::string(kSsmManagedPolicy)}});
  XmlAnswer in_profile = harness.call("DeleteRole", {{"RoleName", "demo-role"}});
  expect_query_error(in_profile, 409, "DeleteConflict");
  EXPECT_EQ(in_profile.text("Error/Message"),
            "Cannot delete entity, must remove roles from instance profile first.");
  harness.call("RemoveRoleFromInstanceProfile",
               {{"InstanceProfileName", "demo-profile"}, {"RoleName", "demo-role"}});

  XmlAnswer deleted = harness.call("DeleteRole", {{"RoleName", "demo-role"}});
  EXPECT_EQ(deleted.status, 200);
  EXPECT_EQ(deleted.root_name(), "DeleteRoleResponse");
  expect_query_error(harness.call("GetRole", {{"RoleName", "demo-role"}}), 404, "NoSuchEntity");
}

TEST_F(IamServiceTest, ListRolesPagesWithMarkers) {
  for (std::string name : {"delta", "alpha", "echo", "charlie", "bravo"})
    create_role(name);
  std::vector<std::string> seen;
  QueryParams params{{"MaxItems", "2"}};
  for (int page = 0; page < 5; ++page) {
    XmlAnswer listed = harness.call("ListRoles", params);
    ASSERT_EQ(listed.status, 200);
    for (const std::string& name : listed.members("ListRolesResult/Roles", "RoleName"))
      seen.push_back(name);
    if (listed.text("ListRolesResult/IsTruncated") == "false")
      break;
    params = {{"MaxItems", "2"}, {"Marker", listed.text("ListRolesResult/Marker")}};
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"alpha", "bravo", "charlie", "delta", "echo"}));
}

TEST_F(IamServiceTest, ListRolesFiltersByPathPrefix) {
  create_role("plain");
  create_role("managed", {{"Path", "/spawn/"}});
  XmlAnswer listed = harness.call("ListRoles", {{"PathPrefix", "/spawn/"}});
  EXPECT_EQ(listed.members("ListRolesResult/Roles", "RoleName"),
            std::vector<std::string>{"managed"});
  expect_query_error(harness.call("ListRoles", {{"MaxItems", "0"}}), 400, "ValidationError");
}

TEST_F(IamServiceTest, TagRoleReplacesAndUntagRoleRemoves) {
  create_role("demo-role", {{"Tags.member.1.Key", "Project"}, {"Tags.member.1.Value", "demo"}});
  harness.call("TagRole", {{"RoleName", "demo-role"},
                           {"Tags.member.1.Key", "Project"},
                           {"Tags.member.1.Value", "other"},
                           {"Tags.member.2.Key", "Owner"},
                           {"Tags.member.2.Value", "me"}});
  XmlAnswer tagged = harness.call("ListRoleTags", {{"RoleName", "demo-role"}});
  EXPECT_EQ(tagged.members("ListRoleTagsResult/Tags", "Key"),
            (std::vector<std::string>{"Owner", "Project"}));
  EXPECT_EQ(tagged.members("ListRoleTagsResult/Tags", "Value"),
            (std::vector<std::string>{"me", "other"}));
  harness.call("UntagRole", {{"RoleName", "demo-role"}, {"TagKeys.member.1", "Project"}});
  EXPECT_EQ(harness.call("ListRoleTags", {{"RoleName", "demo-role"}})
                .members("ListRoleTagsResult/Tags", "Key"),
            std::vector<std::string>{"Owner"});
}

TEST_F(IamServiceTest, AnUnknownActionIsInvalidAction) {
  expect_query_error(harness.call("CreateUser", {{"UserName", "x"}}), 400, "InvalidAction");
}

}  // namespace
}  // namespace spawn::localcloud::testing
