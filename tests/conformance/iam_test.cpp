// The IAM role and instance profile operations spawn uses, in the order a user
// scripts them, including the DeleteConflict of a role still in use.
#include "localcloud_suite.hpp"

namespace spawn::conformance {
namespace {

constexpr const char* kInlinePolicy = R"({
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "ec2:DescribeTags", "Resource": "*"}]
})";
constexpr const char* kManagedPolicyArn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";

class Iam : public LocalcloudSuite {
 protected:
  // create-role with the trust policy from a file, then an inline and a managed policy.
  nlohmann::json create_role_with_policies(const std::string& role) const {
    std::filesystem::path trust = scratch_file("trust.json", kEc2TrustPolicy);
    std::filesystem::path inline_policy = scratch_file("policy.json", kInlinePolicy);
    nlohmann::json created = aws_ok({"iam", "create-role", "--role-name", role,
                                     "--assume-role-policy-document", "file://" + trust.string()});
    aws_ok({"iam", "put-role-policy", "--role-name", role, "--policy-name", "tags",
            "--policy-document", "file://" + inline_policy.string()});
    aws_ok({"iam", "attach-role-policy", "--role-name", role, "--policy-arn", kManagedPolicyArn});
    return created;
  }

  static void expect_policies_listed(const std::string& role) {
    EXPECT_EQ(json_at(aws_ok({"iam", "list-role-policies", "--role-name", role}), "/PolicyNames"),
              nlohmann::json::array({"tags"}));
    nlohmann::json attached = json_at(
        aws_ok({"iam", "list-attached-role-policies", "--role-name", role}), "/AttachedPolicies");
    ASSERT_EQ(attached.size(), 1u) << attached.dump();
    EXPECT_EQ(text_at(attached[0], "/PolicyArn"), kManagedPolicyArn);
    EXPECT_EQ(text_at(attached[0], "/PolicyName"), "AmazonSSMManagedInstanceCore");
  }

  // create-instance-profile and add-role-to-instance-profile; the created profile.
  static nlohmann::json create_profile_holding(const std::string& profile,
                                               const std::string& role) {
    nlohmann::json made =
        aws_ok({"iam", "create-instance-profile", "--instance-profile-name", profile});
    aws_ok({"iam", "add-role-to-instance-profile", "--instance-profile-name", profile,
            "--role-name", role});
    return made;
  }

  // Everything in the order IAM allows: the profile first, then the policies, then the role.
  static void tear_down(const std::string& role, const std::string& profile) {
    aws_ok({"iam", "remove-role-from-instance-profile", "--instance-profile-name", profile,
            "--role-name", role});
    aws_ok({"iam", "delete-instance-profile", "--instance-profile-name", profile});
    aws_ok({"iam", "detach-role-policy", "--role-name", role, "--policy-arn", kManagedPolicyArn});
    aws_ok({"iam", "delete-role-policy", "--role-name", role, "--policy-name", "tags"});
    aws_ok({"iam", "delete-role", "--role-name", role});
  }
};

TEST_F(Iam, RoleAndInstanceProfileWorkflow) {
  std::string role = unique_name("role");
  std::string profile = unique_name("profile");

  nlohmann::json created = create_role_with_policies(role);
  EXPECT_EQ(text_at(created, "/Role/RoleName"), role);
  EXPECT_EQ(text_at(created, "/Role/Arn"), "arn:aws:iam::123456789012:role/" + role);
  EXPECT_TRUE(text_at(created, "/Role/RoleId").starts_with("AROA")) << created.dump();
  EXPECT_EQ(json_at(created, "/Role/AssumeRolePolicyDocument"),
            nlohmann::json::parse(kEc2TrustPolicy))
      << created.dump();
  expect_policies_listed(role);

  nlohmann::json made = create_profile_holding(profile, role);
  EXPECT_EQ(text_at(made, "/InstanceProfile/Arn"),
            "arn:aws:iam::123456789012:instance-profile/" + profile);
  EXPECT_TRUE(text_at(made, "/InstanceProfile/InstanceProfileId").starts_with("AIPA"))
      << made.dump();
  nlohmann::json got = aws_ok({"iam", "get-instance-profile", "--instance-profile-name", profile});
  EXPECT_EQ(text_at(got, "/InstanceProfile/Roles/0/RoleName"), role) << got.dump();
  EXPECT_EQ(text_at(got, "/InstanceProfile/Roles/0/Arn"), text_at(created, "/Role/Arn"));
  nlohmann::json for_role = aws_ok({"iam", "list-instance-profiles-for-role", "--role-name", role});
  EXPECT_EQ(text_at(for_role, "/InstanceProfiles/0/InstanceProfileName"), profile)
      << for_role.dump();

  EXPECT_TRUE(fails_with(aws({"iam", "delete-role", "--role-name", role}), "DeleteConflict"))
      << "a role in an instance profile and with policies cannot be deleted";
  tear_down(role, profile);
  EXPECT_TRUE(fails_with(aws({"iam", "get-role", "--role-name", role}), "NoSuchEntity"));
}

}  // namespace
}  // namespace spawn::conformance
