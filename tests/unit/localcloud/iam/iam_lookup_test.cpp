#include "localcloud/services/iam/iam_lookup.hpp"

#include <gtest/gtest.h>

#include "iam_test_support.hpp"

namespace spawn::localcloud::testing {
namespace {

TEST_F(IamServiceTest, AProfileResolvesToItsRoleByNameOrArn) {
  create_role("demo-role", {{"Path", "/spawn/"}});
  create_instance_profile("demo-profile", {{"Path", "/spawn/"}});
  add_role("demo-profile", "demo-role");
  std::string arn = "arn:aws:iam::123456789012:instance-profile/spawn/demo-profile";
  for (std::string name_or_arn : {std::string("demo-profile"), arn}) {
    auto resolved = find_instance_profile_role(harness.store(), name_or_arn);
    ASSERT_TRUE(resolved.has_value()) << name_or_arn;
    EXPECT_EQ(resolved->profile_name, "demo-profile");
    EXPECT_EQ(resolved->profile_arn, arn);
    EXPECT_EQ(resolved->role_name, "demo-role");
    EXPECT_EQ(resolved->role_arn, "arn:aws:iam::123456789012:role/spawn/demo-role");
  }
}

TEST_F(IamServiceTest, AProfileWithoutARoleOrAWrongArnResolvesToNothing) {
  create_instance_profile("empty-profile");
  EXPECT_FALSE(find_instance_profile_role(harness.store(), "empty-profile").has_value());
  EXPECT_FALSE(find_instance_profile_role(harness.store(), "ghost").has_value());
  create_role("demo-role");
  add_role("empty-profile", "demo-role");
  EXPECT_TRUE(find_instance_profile_role(harness.store(), "empty-profile").has_value());
  EXPECT_FALSE(
      find_instance_profile_role(harness.store(),
                                 "arn:aws:iam::123456789012:instance-profile/other/empty-profile")
          .has_value());
}

TEST_F(IamServiceTest, FindRoleAnswersTheRolesIdentity) {
  XmlAnswer created = create_role("demo-role", {{"MaxSessionDuration", "7200"}});
  auto role = find_role(harness.store(), "arn:aws:iam::123456789012:role/demo-role");
  ASSERT_TRUE(role.has_value());
  EXPECT_EQ(role->name, "demo-role");
  EXPECT_EQ(role->id, created.text("CreateRoleResult/Role/RoleId"));
  EXPECT_EQ(role->max_session_duration, 7200);
  EXPECT_FALSE(find_role(harness.store(), "arn:aws:iam::123456789012:role/ghost").has_value());
  EXPECT_EQ(assumed_role_arn("demo-role", "i-0123"),
            "arn:aws:sts::123456789012:assumed-role/demo-role/i-0123");
}

}  // namespace
}  // namespace spawn::localcloud::testing
