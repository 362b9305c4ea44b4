// Instance profiles, the wrapper EC2 takes in place of a role. A profile holds
// at most one role (IAM's InstanceSessionsPerInstanceProfile quota) and keeps
// only its name: answers show the role as it is now.
#include <functional>

#include "localcloud/ids.hpp"
#include "localcloud/services/iam/iam_documents.hpp"
#include "localcloud/services/iam/iam_errors.hpp"
#include "localcloud/services/iam/iam_lookup.hpp"
#include "localcloud/services/iam/iam_operations.hpp"
#include "localcloud/services/iam/marker_page.hpp"
#include "localcloud/services/iam/query_input.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

namespace spawn::localcloud::iam {
namespace {

using Change = std::expected<void, ApiError>;

const InputRule kProfileNameRule{"InstanceProfileName", Need::required, shapes::kProfileName};

Json new_instance_profile(const ApiRequest& request) {
  std::string name = request.params.get_or("InstanceProfileName", "");
  std::string path = request.params.get_or("Path", "/");
  return Json{{"InstanceProfileName", name},
              {"InstanceProfileId", "AIPA" + random_upper_alnum(17)},
              {"Arn", iam_arn("instance-profile", path, name)},
              {"Path", path},
              {"CreateDate", format_iso8601(request.time)},
              {"Tags", tags_from(request.params)},
              {"RoleNames", Json::array()}};
}

aws::HttpResponse profile_answer(const ResourceStore& store, const ApiRequest& request,
                                 const Json& profile) {
  QueryResponse response(request.operation, kIamNamespace, request.request_id);
  write_instance_profile(add_node(response.result(), "InstanceProfile"), profile,
                         roles_of(store, profile));
  return response.finish();
}

// The page of instance profiles for which `keep` holds.
aws::HttpResponse profiles_answer(const ResourceStore& store, const ApiRequest& request,
                                  const std::function<bool(const Json&)>& keep) {
  KeyedItems<Json> profiles;
  store.read(kIamRegion, kInstanceProfileKind, [&](const ResourceMap& documents) {
    for (const auto& [key, profile] : documents) {
      if (keep(profile))
        profiles.emplace_back(key, profile);
    }
  });
  QueryResponse response(request.operation, kIamNamespace, request.request_id);
  write_marker_page(response.result(), "InstanceProfiles", profiles, request.params,
                    [&](pugi::xml_node member, const Json& profile) {
                      write_instance_profile(member, profile, roles_of(store, profile));
                    });
  return response.finish();
}

// Runs edit(transaction, profile) on the profile the request names, inside one write.
template <class Edit>
Change change_profile(ResourceStore& store, const ApiRequest& request, Edit edit) {
  return store.write([&](Transaction& transaction) -> Change {
    auto profile =
        instance_profile_in(transaction, request.params.get_or("InstanceProfileName", ""));
    if (!profile)
      return std::unexpected(profile.error());
    return edit(transaction, **profile);
  });
}

// Adds the role and notes when (EC2's IAM propagation fault counts from then).
Change add_role(Transaction& transaction, Json& profile, std::string_view role_name,
                SystemTime now) {
  auto role = role_in(transaction, role_name);
  if (!role)
    return std::unexpected(role.error());
  Json& role_names = profile["RoleNames"];
  if (!role_names.empty()) {
    return std::unexpected(
        limit_exceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1"));
  }
  role_names.push_back((**role)["RoleName"]);
  profile[std::string(kRoleAddedAtMember)] =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  return {};
}

Change remove_role(Json& profile, std::string_view role_name) {
  Json& role_names = profile["RoleNames"];
  if (!holds_name(role_names, role_name))
    return std::unexpected(no_such_role(role_name));
  Json kept = Json::array();
  for (const Json& held : role_names) {
    if (!iequals(held.get<std::string>(), role_name))
      kept.push_back(held);
  }
  role_names = std::move(kept);
  return {};
}

Change erase_if_empty(Transaction& transaction, Json& profile) {
  if (!profile.value("RoleNames", Json::array()).empty()) {
    return std::unexpected(
        delete_conflict("Cannot delete entity, must remove roles from instance profile first."));
  }
  transaction.erase(kIamRegion, kInstanceProfileKind,
                    iam_key(profile.value("InstanceProfileName", "")));
  return {};
}

}  // namespace

ApiOutcome create_instance_profile(ResourceStore& store, const ApiRequest& request) {
  std::vector<InputRule> rules = tag_rules(request.params);
  rules.insert(rules.begin(), {kProfileNameRule, {"Path", Need::optional, shapes::kPath}});
  if (auto invalid = check_input(request.params, rules))
    return std::unexpected(*invalid);
  Json profile = new_instance_profile(request);
  std::string name = profile["InstanceProfileName"];
  auto created = store.write([&](Transaction& transaction) -> Change {
    if (transaction.find(kIamRegion, kInstanceProfileKind, iam_key(name)) != nullptr)
      return std::unexpected(
          entity_already_exists("Instance Profile " + name + " already exists."));
    transaction.put(kIamRegion, kInstanceProfileKind, iam_key(name), profile);
    return {};
  });
  if (!created)
    return std::unexpected(created.error());
  return profile_answer(store, request, profile);
}

ApiOutcome get_instance_profile(ResourceStore& store, const ApiRequest& request) {
  if (auto invalid = check_input(request.params, {kProfileNameRule}))
    return std::unexpected(*invalid);
  auto profile = stored_instance_profile(store, request.params.get_or("InstanceProfileName", ""));
  if (!profile)
    return std::unexpected(profile.error());
  return profile_answer(store, request, *profile);
}

ApiOutcome delete_instance_profile(ResourceStore& store, const ApiRequest& request) {
  if (auto invalid = check_input(request.params, {kProfileNameRule}))
    return std::unexpected(*invalid);
  return iam_empty_answer(request, change_profile(store, request, erase_if_empty));
}

ApiOutcome add_role_to_instance_profile(ResourceStore& store, const ApiRequest& request) {
  if (auto invalid = check_input(request.params, {kProfileNameRule, kRoleNameRule}))
    return std::unexpected(*invalid);
  std::string role_name = role_name_of(request);
  return iam_empty_answer(
      request, change_profile(store, request, [&](Transaction& transaction, Json& profile) {
        return add_role(transaction, profile, role_name, request.time);
      }));
}

ApiOutcome remove_role_from_instance_profile(ResourceStore& store, const ApiRequest& request) {
  if (auto invalid = check_input(request.params, {kProfileNameRule, kRoleNameRule}))
    return std::unexpected(*invalid);
  std::string role_name = role_name_of(request);
  return iam_empty_answer(request, change_profile(store, request, [&](Transaction&, Json& profile) {
                            return remove_role(profile, role_name);
                          }));
}

ApiOutcome list_instance_profiles(ResourceStore& store, const ApiRequest& request) {
  std::vector<InputRule> rules = page_rules();
  rules.push_back({"PathPrefix", Need::optional, shapes::kPathPrefix});
  if (auto invalid = check_input(request.params, rules))
    return std::unexpected(*invalid);
  std::string prefix = request.params.get_or("PathPrefix", "/");
  return profiles_answer(store, request, [&](const Json& profile) {
    return profile.value("Path", "").starts_with(prefix);
  });
}

ApiOutcome list_instance_profiles_for_role(ResourceStore& store, const ApiRequest& request) {
  auto role = role_to_list(store, request);
  if (!role)
    return std::unexpected(role.error());
  std::string role_name = role->value("RoleName", "");
  return profiles_answer(store, request, [&](const Json& profile) {
    return holds_name(profile.value("RoleNames", Json::array()), role_name);
  });
}

}  // namespace spawn::localcloud::iam
