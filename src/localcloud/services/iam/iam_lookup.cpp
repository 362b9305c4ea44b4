#include "localcloud/services/iam/iam_lookup.hpp"

#include "localcloud/api/api.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {
namespace {

// The document of `kind` named by `name_or_arn`. An ARN names the last segment of its
// resource part and must match the stored ARN (same path), as IAM compares them.
std::optional<Json> find_named(const ResourceStore& store, std::string_view kind,
                               std::string_view name_or_arn) {
  bool is_arn = name_or_arn.starts_with("arn:");
  std::string_view name = name_or_arn;
  if (is_arn)
    name = name_or_arn.substr(name_or_arn.rfind('/') + 1);
  auto document = store.get(kIamRegion, kind, iam_key(name));
  if (!document || (is_arn && !iequals(document->value("Arn", ""), name_or_arn)))
    return std::nullopt;
  return document;
}

}  // namespace

std::string iam_key(std::string_view name) {
  return to_lower(name);
}

std::optional<RoleRef> find_role(const ResourceStore& store, std::string_view name_or_arn) {
  auto role = find_named(store, kRoleKind, name_or_arn);
  if (!role)
    return std::nullopt;
  return RoleRef{role->value("RoleName", ""), role->value("RoleId", ""), role->value("Arn", ""),
                 role->value("MaxSessionDuration", 3600)};
}

std::optional<InstanceProfileRole> find_instance_profile_role(const ResourceStore& store,
                                                              std::string_view name_or_arn) {
  auto profile = find_named(store, kInstanceProfileKind, name_or_arn);
  if (!profile)
    return std::nullopt;
  const Json& role_names = profile->value("RoleNames", Json::array());
  if (role_names.empty() || !role_names.front().is_string())
    return std::nullopt;
  auto role = find_role(store, role_names.front().get<std::string>());
  if (!role)
    return std::nullopt;
  std::optional<SystemTime> role_added;
  if (auto added = profile->find(kRoleAddedAtMember); added != profile->end() && added->is_number())
    role_added = SystemTime(std::chrono::milliseconds(added->get<std::int64_t>()));
  return InstanceProfileRole{profile->value("InstanceProfileName", ""), profile->value("Arn", ""),
                             role->name, role->arn, role_added};
}

std::string assumed_role_arn(std::string_view role_name, std::string_view session_name) {
  return "arn:aws:sts::" + std::string(kAccountId) + ":assumed-role/" + std::string(role_name) +
         "/" + std::string(session_name);
}

}  // namespace spawn::localcloud
