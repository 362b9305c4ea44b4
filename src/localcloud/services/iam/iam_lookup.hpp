// What other localcloud services need to know about IAM, without speaking IAM:
// EC2 resolves an instance profile to its role (RunInstances, IMDS credentials)
// and STS checks that a role exists before it hands out credentials for it.
//
// IAM keeps its state in the resource store under region "" (IAM is global),
// in two kinds, each document keyed by its lower-cased name (IAM names are
// unique regardless of case) and written in AWS's own member names:
//   "role"             {RoleName, RoleId, Arn, Path, CreateDate, AssumeRolePolicyDocument
//                       (JSON text), Description, MaxSessionDuration, Tags [{Key, Value}],
//                       RolePolicyList [{PolicyName, PolicyDocument}],
//                       AttachedManagedPolicies [{PolicyName, PolicyArn}]}
//   "instance-profile" {InstanceProfileName, InstanceProfileId, Arn, Path, CreateDate,
//                       Tags [{Key, Value}], RoleNames [RoleName] (at most one),
//                       RoleAddedAtMs (localcloud's own: when the role went in, epoch ms;
//                       EC2 imitates IAM propagation from it)}
// Read them through the functions below rather than by hand where you can.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "localcloud/store/resource_store.hpp"
#include "util/clock.hpp"

namespace spawn::localcloud {

inline constexpr std::string_view kIamRegion = "";
inline constexpr std::string_view kRoleKind = "role";
inline constexpr std::string_view kInstanceProfileKind = "instance-profile";

// The store id of the role or instance profile called `name` (its lower-cased name).
std::string iam_key(std::string_view name);

struct RoleRef {
  std::string name;                 // RoleName as created
  std::string id;                   // "AROA…"
  std::string arn;                  // "arn:aws:iam::123456789012:role/<path><name>"
  int max_session_duration = 3600;  // seconds
};

// The role named by its name or its ARN; nullopt when there is no such role.
std::optional<RoleRef> find_role(const ResourceStore& store, std::string_view name_or_arn);

inline constexpr std::string_view kRoleAddedAtMember = "RoleAddedAtMs";

struct InstanceProfileRole {
  std::string profile_name;
  std::string profile_arn;
  std::string role_name;
  std::string role_arn;
  std::optional<SystemTime> role_added;  // absent in profiles stored before it was recorded
};

// The role inside the instance profile named by its name or its ARN (as EC2's
// IamInstanceProfile.Name / .Arn give it); nullopt when the profile does not exist
// or holds no role.
std::optional<InstanceProfileRole> find_instance_profile_role(const ResourceStore& store,
                                                              std::string_view name_or_arn);

// The principal of credentials issued for `role_name`:
// "arn:aws:sts::123456789012:assumed-role/<role>/<session>".
std::string assumed_role_arn(std::string_view role_name, std::string_view session_name);

}  // namespace spawn::localcloud
