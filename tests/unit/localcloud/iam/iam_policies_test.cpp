#include <gtest/gtest.h>

#include "iam_test_support.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud::testing {
namespace {

class IamPoliciesTest : public IamServiceTest {
 protected:
  void SetUp() override { ASSERT_EQ(create_role("demo-role").status, 200); }

  XmlAnswer put_policy(const std::string& name, std::string_view document = kS3ReadPolicy) {
    return harness.call("PutRolePolicy", {{"RoleName", "demo-role"},
                                          {"PolicyName", name},
                                          {"PolicyDocument", std::string(document)}});
  }
  XmlAnswer attach(const std::string& arn) {
    return harness.call("AttachRolePolicy", {{"RoleName", "demo-role"}, {"PolicyArn", arn}});
  }
};

TEST_F(IamPoliciesTest, AnInlinePolicyComesBackUrlEncoded) {
  ASSERT_EQ(put_policy("read").status, 200);
  XmlAnswer fetched =
      harness.call("GetRolePolicy", {{"RoleName", "demo-role"}, {"PolicyName", "read"}});
  ASSERT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.text("GetRolePolicyResult/RoleName"), "demo-role");
  EXPECT_EQ(fetched.text("GetRolePolicyResult/PolicyName"), "read");
  std::string encoded = fetched.text("GetRolePolicyResult/PolicyDocument");
  EXPECT_EQ(encoded.find('{'), std::string::npos) << encoded;
  EXPECT_EQ(percent_decode(encoded, PlusMeans::plus).value_or(""), kS3ReadPolicy);
}

TEST_F(IamPoliciesTest, PuttingAPolicyAgainReplacesIt) {
  put_policy("read");
  std::string replacement = R"({"Version":"2012-10-17","Statement":[]})";
  put_policy("read", replacement);
  XmlAnswer fetched =
      harness.call("GetRolePolicy", {{"RoleName", "demo-role"}, {"PolicyName", "read"}});
  EXPECT_EQ(percent_decode(fetched.text("GetRolePolicyResult/PolicyDocument"), PlusMeans::plus)
                .value_or(""),
            replacement);
  EXPECT_EQ(harness.call("ListRolePolicies", {{"RoleName", "demo-role"}})
                .members("ListRolePoliciesResult/PolicyNames"),
            std::vector<std::string>{"read"});
}

TEST_F(IamPoliciesTest, APolicyThatIsNotJsonIsMalformedPolicyDocument) {
  XmlAnswer answer = put_policy("broken", "Allow everything");
  expect_query_error(answer, 400, "MalformedPolicyDocument");
  EXPECT_EQ(answer.text("Error/Message"), "Syntax errors in policy.");
}

TEST_F(IamPoliciesTest, UnknownPoliciesAndRolesAreNoSuchEntity) {
  XmlAnswer missing =
      harness.call("GetRolePolicy", {{"RoleName", "demo-role"}, {"PolicyName", "nope"}});
  expect_query_error(missing, 404, "NoSuchEntity");
  EXPECT_EQ(missing.text("Error/Message"), "The role policy with name nope cannot be found.");
  expect_query_error(
      harness.call("DeleteRolePolicy", {{"RoleName", "demo-role"}, {"PolicyName", "nope"}}), 404,
      "NoSuchEntity");
  expect_query_error(
      harness.call("PutRolePolicy",
                   {{"RoleName", "ghost"}, {"PolicyName", "read"}, {"PolicyDocument", "{}"}}),
      404, "NoSuchEntity");
  expect_query_error(harness.call("ListRolePolicies", {{"RoleName", "ghost"}}), 404,
                     "NoSuchEntity");
}

TEST_F(IamPoliciesTest, DeleteRolePolicyRemovesIt) {
  put_policy("read");
  put_policy("write");
  XmlAnswer deleted =
      harness.call("DeleteRolePolicy", {{"RoleName", "demo-role"}, {"PolicyName", "read"}});
  EXPECT_EQ(deleted.status, 200);
  EXPECT_EQ(harness.call("ListRolePolicies", {{"RoleName", "demo-role"}})
                .members("ListRolePoliciesResult/PolicyNames"),
            std::vector<std::string>{"write"});
}

TEST_F(IamPoliciesTest, ListRolePoliciesPagesInNameOrder) {
  for (std::string name : {"c", "a", "b"})
    put_policy(name);
  XmlAnswer first =
      harness.call("ListRolePolicies", {{"RoleName", "demo-role"}, {"MaxItems", "2"}});
  EXPECT_EQ(first.members("ListRolePoliciesResult/PolicyNames"),
            (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(first.text("ListRolePoliciesResult/IsTruncated"), "true");
  XmlAnswer second =
      harness.call("ListRolePolicies", {{"RoleName", "demo-role"},
                                        {"MaxItems", "2"},
                                        {"Marker", first.text("ListRolePoliciesResult/Marker")}});
  EXPECT_EQ(second.members("ListRolePoliciesResult/PolicyNames"), std::vector<std::string>{"c"});
  EXPECT_EQ(second.text("ListRolePoliciesResult/IsTruncated"), "false");
  EXPECT_FALSE(second.at("ListRolePoliciesResult/Marker"));
}

TEST_F(IamPoliciesTest, AnyAwsManagedPolicyAttachesOnce) {
  ASSERT_EQ(attach(std::string(kSsmManagedPolicy)).status, 200);
  ASSERT_EQ(attach(std::string(kSsmManagedPolicy)).status, 200);
  attach("arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM");
  XmlAnswer listed = harness.call("ListAttachedRolePolicies", {{"RoleName", "demo-role"}});
  std::string list = "ListAttachedRolePoliciesResult/AttachedPolicies";
  EXPECT_EQ(listed.members(list, "PolicyName"),
            (std::vector<std::string>{"AmazonSSMManagedInstanceCore", "AmazonEC2RoleforSSM"}));
  EXPECT_EQ(listed.members(list, "PolicyArn"),
            (std::vector<std::string>{std::string(kSsmManagedPolicy),
                                      "arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM"}));
  XmlAnswer service_roles = harness.call(
      "ListAttachedRolePolicies", {{"RoleName", "demo-role"}, {"PathPrefix", "/service-role/"}});
  EXPECT_EQ(service_roles.members(list, "PolicyName"),
            std::vector<std::string>{"AmazonEC2RoleforSSM"});
}

TEST_F(IamPoliciesTest, PoliciesOutsideAwsManagedOnesDoNotExist) {
  XmlAnswer customer = attach("arn:aws:iam::123456789012:policy/mine");
  expect_query_error(customer, 404, "NoSuchEntity");
  EXPECT_EQ(customer.text("Error/Message"),
            "Policy arn:aws:iam::123456789012:policy/mine does not exist or is not attachable.");
  expect_query_error(attach("not-an-arn-at-all-really"), 400, "InvalidInput");
}

TEST_F(IamPoliciesTest, DetachingAPolicyThatIsNotAttachedIsNoSuchEntity) {
  attach(std::string(kSsmManagedPolicy));
  XmlAnswer detached =
      harness.call("DetachRolePolicy",
                   {{"RoleName", "demo-role"}, {"PolicyArn", std::string(kSsmManagedPolicy)}});
  EXPECT_EQ(detached.status, 200);
  expect_query_error(
      harness.call("DetachRolePolicy",
                   {{"RoleName", "demo-role"}, {"PolicyArn", std::string(kSsmManagedPolicy)}}),
      404, "NoSuchEntity");
  EXPECT_TRUE(harness.call("ListAttachedRolePolicies", {{"RoleName", "demo-role"}})
                  .members("ListAttachedRolePoliciesResult/AttachedPolicies")
                  .empty());
}

}  // namespace
}  // namespace spawn::localcloud::testing
