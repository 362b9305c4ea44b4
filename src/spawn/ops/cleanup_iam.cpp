// IAM's list calls answer no tags, so names are listed first and then each candidate
// is read (GetRole, GetInstanceProfile) for its tags and roles. Candidates are few:
// spawn's default names and the `spawn-instance-` prefix.
#include "spawn/ops/cleanup_iam.hpp"

#include <algorithm>
#include <set>

#include "aws/iam.hpp"
#include "spawn/ops/instance_profile.hpp"

namespace spawn::ops {

namespace {

bool is_spawn_name(const std::string& name, std::string_view default_name) {
  return name == default_name || name.starts_with(kCustomRolePrefix);
}

std::vector<std::string> spawn_names(std::vector<std::string> names,
                                     std::string_view default_name) {
  std::erase_if(names, [&](const std::string& name) { return !is_spawn_name(name, default_name); });
  return names;
}

// Reads each role; one deleted meanwhile is left out.
Result<std::vector<aws::Role>> read_roles(aws::IamClient& iam,
                                          const std::vector<std::string>& names) {
  std::vector<aws::Role> roles;
  for (const auto& name : names) {
    auto role = iam.get_role(name);
    if (!role && role.error().kind == ErrorKind::not_found)
      continue;
    if (!role)
      return std::unexpected(std::move(role.error()));
    roles.push_back(std::move(*role));
  }
  return roles;
}

// The names of the profiles holding any of `roles`, added to `names`.
Result<void> add_profiles_of(aws::IamClient& iam, const std::vector<aws::Role>& roles,
                             std::set<std::string>& names) {
  for (const auto& role : roles) {
    auto profiles = iam.list_instance_profiles_for_role_all(role.name);
    if (!profiles && profiles.error().kind == ErrorKind::not_found)
      continue;  // deleted meanwhile
    if (!profiles)
      return std::unexpected(std::move(profiles.error()));
    for (const auto& profile : *profiles)
      names.insert(profile.name);
  }
  return {};
}

Result<std::vector<aws::InstanceProfile>> read_profiles(aws::IamClient& iam,
                                                        const std::set<std::string>& names) {
  std::vector<aws::InstanceProfile> profiles;
  for (const auto& name : names) {
    auto profile = iam.get_instance_profile(name);
    if (!profile && profile.error().kind == ErrorKind::not_found)
      continue;
    if (!profile)
      return std::unexpected(std::move(profile.error()));
    profiles.push_back(std::move(*profile));
  }
  return profiles;
}

// Runs `step`; a resource that is gone already counts as done.
Result<void> unless_gone(Result<void> step) {
  if (!step && step.error().kind == ErrorKind::not_found)
    return {};
  return step;
}

}  // namespace

Result<IamInventory> discover_iam(aws::AwsClient& client) {
  aws::IamClient iam(client);
  auto role_names = iam.list_role_names_all();
  if (!role_names)
    return std::unexpected(std::move(role_names.error()));
  auto profile_names = iam.list_instance_profile_names_all();
  if (!profile_names)
    return std::unexpected(std::move(profile_names.error()));
  auto roles = read_roles(iam, spawn_names(std::move(*role_names), kDefaultInstanceRole));
  if (!roles)
    return std::unexpected(std::move(roles.error()));
  auto own_profiles = spawn_names(std::move(*profile_names), kDefaultInstanceProfile);
  std::set<std::string> wanted(own_profiles.begin(), own_profiles.end());
  if (auto added = add_profiles_of(iam, *roles, wanted); !added)
    return std::unexpected(std::move(added.error()));
  auto profiles = read_profiles(iam, wanted);
  if (!profiles)
    return std::unexpected(std::move(profiles.error()));
  return IamInventory{std::move(*roles), std::move(*profiles)};
}

Result<void> delete_instance_profile(aws::AwsClient& client, const std::string& profile_name,
                                     const std::string& role_name) {
  aws::IamClient iam(client);
  if (!role_name.empty()) {
    auto removed = unless_gone(iam.remove_role_from_instance_profile(profile_name, role_name));
    if (!removed)
      return removed;
  }
  return iam.delete_instance_profile(profile_name);
}

Result<void> delete_role(aws::AwsClient& client, const std::string& role_name) {
  aws::IamClient iam(client);
  auto profiles = iam.list_instance_profiles_for_role_all(role_name);
  if (!profiles)
    return std::unexpected(std::move(profiles.error()));
  for (const auto& profile : *profiles) {
    if (auto removed = unless_gone(iam.remove_role_from_instance_profile(profile.name, role_name));
        !removed)
      return removed;
  }
  auto inline_policies = iam.list_role_policies_all(role_name);
  if (!inline_policies)
    return std::unexpected(std::move(inline_policies.error()));
  for (const auto& policy : *inline_policies) {
    if (auto deleted = unless_gone(iam.delete_role_policy(role_name, policy)); !deleted)
      return deleted;
  }
  auto attached = iam.list_attached_role_policies_all(role_name);
  if (!attached)
    return std::unexpected(std::move(attached.error()));
  for (const auto& policy : *attached) {
    if (auto detached = unless_gone(iam.detach_role_policy(role_name, policy.arn)); !detached)
      return detached;
  }
  return iam.delete_role(role_name);
}

}  // namespace spawn::ops
