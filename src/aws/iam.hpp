// The IAM operations spawn uses to give instances a role: create the role and
// its instance profile, attach policies, and take it all apart again (a role
// can only be deleted once its policies and instance profiles are gone, hence
// the list calls). Lists are paginated with Marker/IsTruncated; each comes as
// one page (Page::next_token is the marker) and as `_all`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "aws/client.hpp"
#include "aws/common_types.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::aws {

struct Role {
  std::string name;
  std::string id;
  std::string arn;
  std::string path;
  std::string assume_role_policy;  // the trust policy JSON, URL-decoded
  std::string description;
  std::optional<SystemTime> created;
  std::vector<Tag> tags;
};

struct CreateRoleRequest {
  std::string name;
  std::string assume_role_policy;  // the trust policy as JSON text
  std::string description;         // omitted when empty
  std::string path;                // omitted when empty (AWS uses "/")
  std::vector<Tag> tags;
};

struct InstanceProfile {
  std::string name;
  std::string id;
  std::string arn;
  std::string path;
  std::optional<SystemTime> created;
  std::vector<Role> roles;
  std::vector<Tag> tags;
};

struct CreateInstanceProfileRequest {
  std::string name;
  std::string path;  // omitted when empty
  std::vector<Tag> tags;
};

// A managed policy attached to a role.
struct AttachedPolicy {
  std::string name;
  std::string arn;
};

// The input of the per-role list calls: page.next_token is the Marker, page.max_results MaxItems.
struct RoleListRequest {
  std::string role_name;
  PageRequest page;
};

class IamClient {
 public:
  explicit IamClient(AwsClient& client) : client_(client) {}

  // Roles. Errors: EntityAlreadyExists is ErrorKind::conflict, NoSuchEntity ErrorKind::not_found.
  Result<Role> create_role(const CreateRoleRequest& request);
  // Names of every role of the account (ListRoles, all pages).
  Result<std::vector<std::string>> list_role_names_all();
  Result<Role> get_role(const std::string& role_name);
  Result<void> delete_role(const std::string& role_name);

  // Inline policies (by name) and managed policies (by ARN) of a role.
  Result<void> put_role_policy(const std::string& role_name, const std::string& policy_name,
                               const std::string& policy_document);
  Result<void> delete_role_policy(const std::string& role_name, const std::string& policy_name);
  Result<void> attach_role_policy(const std::string& role_name, const std::string& policy_arn);
  Result<void> detach_role_policy(const std::string& role_name, const std::string& policy_arn);
  // Names of the role's inline policies.
  Result<Page<std::string>> list_role_policies(const RoleListRequest& request);
  Result<std::vector<std::string>> list_role_policies_all(const std::string& role_name);
  Result<Page<AttachedPolicy>> list_attached_role_policies(const RoleListRequest& request);
  Result<std::vector<AttachedPolicy>> list_attached_role_policies_all(const std::string& role_name);

  // Instance profiles, the wrapper EC2 takes in place of a role.
  Result<InstanceProfile> create_instance_profile(const CreateInstanceProfileRequest& request);
  // The profile with the roles inside it.
  Result<InstanceProfile> get_instance_profile(const std::string& profile_name);
  // Names of every instance profile of the account (ListInstanceProfiles, all pages).
  Result<std::vector<std::string>> list_instance_profile_names_all();
  Result<void> delete_instance_profile(const std::string& profile_name);
  Result<void> add_role_to_instance_profile(const std::string& profile_name,
                                            const std::string& role_name);
  Result<void> remove_role_from_instance_profile(const std::string& profile_name,
                                                 const std::string& role_name);
  Result<Page<InstanceProfile>> list_instance_profiles_for_role(const RoleListRequest& request);
  Result<std::vector<InstanceProfile>> list_instance_profiles_for_role_all(
      const std::string& role_name);

 private:
  AwsClient& client_;
};

}  // namespace spawn::aws
