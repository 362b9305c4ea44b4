// spawn's IAM resources for cleanup: finding them (the default role and profile, and
// the `spawn-instance-*` ones custom launches create) and taking one apart in the only
// order IAM accepts (a role leaves its profiles and loses its policies before it goes).
#pragma once

#include <string>
#include <string_view>

#include "aws/client.hpp"
#include "spawn/ops/cleanup_plan.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// The prefix of the roles and profiles `spawn launch --iam-policy ...` creates.
inline constexpr std::string_view kCustomRolePrefix = "spawn-instance-";

// spawn's roles by name (with their tags), every instance profile holding one of them, and
// spawn's profiles by name (with their tags and roles). Which of them are spawn's by tag is
// for plan_cleanup() to decide.
Result<IamInventory> discover_iam(aws::AwsClient& client);

// Takes `role_name` out of the profile (when given), then deletes the profile.
Result<void> delete_instance_profile(aws::AwsClient& client, const std::string& profile_name,
                                     const std::string& role_name);

// Takes the role out of any profile still holding it, deletes its inline policies, detaches
// its managed policies, then deletes it.
Result<void> delete_role(aws::AwsClient& client, const std::string& role_name);

}  // namespace spawn::ops
