// Roles: create, read, list, tag and delete. A role can only be deleted once
// nothing refers to it any more (inline policies, attached policies, instance
// profiles), as IAM insists.
#include <algorithm>

#include "localcloud/ids.hpp"
#include "localcloud/services/iam/iam_documents.hpp"
#include "localcloud/services/iam/iam_errors.hpp"
#include "localcloud/services/iam/iam_lookup.hpp"
#include "localcloud/services/iam/iam_operations.hpp"
#include "localcloud/services/iam/marker_page.hpp"
#include "localcloud/services/iam/query_input.hpp"
#include "util/time_format.hpp"

namespace spawn::localcloud::iam {
namespace {

using Change = std::expected<void, ApiError>;

constexpr long long kDefaultMaxSessionDuration = 3600;
constexpr std::size_t kMaxTagsPerRole = 50;

std::vector<InputRule> create_role_rules(const FormParams& params) {
  std::vector<InputRule> rules{
      kRoleNameRule,
      {"AssumeRolePolicyDocument", Need::required, shapes::kPolicyDocument},
      {"Path", Need::optional, shapes::kPath},
      {"Description", Need::optional, shapes::kDescription},
      {"MaxSessionDuration", Need::optional, {}, IntegerShape{3600, 43200}},
  };
  for (InputRule& rule : tag_rules(params))
    rules.push_back(std::move(rule));
  return rules;
}

Json new_role(const ApiRequest& request) {
  const FormParams& params = request.params;
  std::string name = params.get_or("RoleName", "");
  std::string path = params.get_or("Path", "/");
  return Json{
      {"RoleName", name},
      {"RoleId", "AROA" + random_upper_alnum(17)},
      {"Arn", iam_arn("role", path, name)},
      {"Path", path},
      {"CreateDate", format_iso8601(request.time)},
      {"AssumeRolePolicyDocument", params.get_or("AssumeRolePolicyDocument", "")},
      {"Description", params.get_or("Description", "")},
      {"MaxSessionDuration",
       integer_param(params, "MaxSessionDuration", kDefaultMaxSessionDuration)},
      {"Tags", tags_from(params)},
      {"RolePolicyList", Json::array()},
      {"AttachedManagedPolicies", Json::array()},
  };
}

ApiError too_many_tags() {
  return limit_exceeded("Cannot exceed quota for TagsPerRole: " + std::to_string(kMaxTagsPerRole));
}

aws::HttpResponse role_answer(const ApiRequest& request, const Json& role) {
  QueryResponse response(request.operation, kIamNamespace, request.request_id);
  write_role(add_node(response.result(), "Role"), role, RoleTags::include);
  return response.finish();
}

// Why `role` cannot be deleted yet, if anything still refers to it.
std::optional<ApiError> delete_blocker(Transaction& transaction, const Json& role) {
  if (!role.value("RolePolicyList", Json::array()).empty())
    return delete_conflict("Cannot delete entity, must delete policies first.");
  if (!role.value("AttachedManagedPolicies", Json::array()).empty())
    return delete_conflict("Cannot delete entity, must detach all policies first.");
  std::string name = role.value("RoleName", "");
  for (const std::string& id : transaction.ids(kIamRegion, kInstanceProfileKind)) {
    Json* profile = transaction.find(kIamRegion, kInstanceProfileKind, id);
    if (holds_name(profile->value("RoleNames", Json::array()), name))
      return delete_conflict(
          "Cannot delete entity, must remove roles from instance profile first.");
  }
  return std::nullopt;
}

}  // namespace

ApiOutcome create_role(ResourceStore& store, const ApiRequest& request) {
  if (auto invalid = check_input(request.params, create_role_rules(request.params)))
    return std::unexpected(*invalid);
  if (!is_policy_json(request.params.get_or("AssumeRolePolicyDocument", "")))
    return std::unexpected(malformed_policy_document("This policy contains invalid Json"));
  Json role = new_role(request);
  if (role["Tags"].size() > kMaxTagsPerRole)
    return std::unexpected(too_many_tags());
  std::string name = role["RoleName"];
  auto created = store.write([&](Transaction& transaction) -> Change {
    if (transaction.find(kIamRegion, kRoleKind, iam_key(name)) != nullptr)
      return std::unexpected(entity_already_exists("Role with name " + name + " already exists."));
    transaction.put(kIamRegion, kRoleKind, iam_key(name), role);
    return {};
  });
  if (!created)
    return std::unexpected(created.error());
  return role_answer(request, role);
}

ApiOutcome get_role(ResourceStore& store, const ApiRequest& request) {
  if (auto invalid = check_input(request.params, {kRoleNameRule}))
    return std::unexpected(*invalid);
  auto role = stored_role(store, role_name_of(request));
  if (!role)
    return std::unexpected(role.error());
  return role_answer(request, *role);
}

ApiOutcome delete_role(ResourceStore& store, const ApiRequest& request) {
  if (auto invalid = check_input(request.params, {kRoleNameRule}))
    return std::unexpected(*invalid);
  auto erase_unused = [](Transaction& transaction, Json& role) -> Change {
    if (auto blocker = delete_blocker(transaction, role))
      return std::unexpected(*blocker);
    transaction.erase(kIamRegion, kRoleKind, iam_key(role.value("RoleName", "")));
    return {};
  };
  return iam_empty_answer(request, change_role(store, role_name_of(request), erase_unused));
}

ApiOutcome list_roles(ResourceStore& store, const ApiRequest& request) {
  std::vector<InputRule> rules = page_rules();
  rules.push_back({"PathPrefix", Need::optional, shapes::kPathPrefix});
  if (auto invalid = check_input(request.params, rules))
    return std::unexpected(*invalid);
  std::string prefix = request.params.get_or("PathPrefix", "/");
  KeyedItems<Json> roles;
  store.read(kIamRegion, kRoleKind, [&](const ResourceMap& documents) {
    for (const auto& [key, role] : documents) {
      if (role.value("Path", "").starts_with(prefix))
        roles.emplace_back(key, role);
    }
  });
  QueryResponse response(request.operation, kIamNamespace, request.request_id);
  write_marker_page(
      response.result(), "Roles", roles, request.params,
      [](pugi::xml_node member, const Json& role) { write_role(member, role, RoleTags::omit); });
  return response.finish();
}

ApiOutcome tag_role(ResourceStore& store, const ApiRequest& request) {
  std::vector<InputRule> rules = tag_rules(request.params);
  rules.insert(rules.begin(), kRoleNameRule);
  if (auto invalid = check_input(request.params, rules))
    return std::unexpected(*invalid);
  Json tags = tags_from(request.params);
  if (tags.empty()) {
    return std::unexpected(validation_error(
        {"Value null at 'tags' failed to satisfy constraint: Member must not be null"}));
  }
  auto add_tags = [&](Transaction&, Json& role) -> Change {
    merge_tags(role["Tags"], tags);
    if (role["Tags"].size() > kMaxTagsPerRole)
      return std::unexpected(too_many_tags());
    return {};
  };
  return iam_empty_answer(request, change_role(store, role_name_of(request), add_tags));
}

ApiOutcome untag_role(ResourceStore& store, const ApiRequest& request) {
  if (auto invalid = check_input(
          request.params, {kRoleNameRule, {"TagKeys.member.1", Need::required, shapes::kTagKey}}))
    return std::unexpected(*invalid);
  Json keys = request.params.list("TagKeys.member");
  auto remove_tags = [&](Transaction&, Json& role) -> Change {
    Json kept = Json::array();
    for (const Json& tag : role["Tags"]) {
      if (!holds_name(keys, tag.value("Key", "")))
        kept.push_back(tag);
    }
    role["Tags"] = std::move(kept);
    return {};
  };
  return iam_empty_answer(request, change_role(store, role_name_of(request), remove_tags));
}

ApiOutcome list_role_tags(ResourceStore& store, const ApiRequest& request) {
  auto role = role_to_list(store, request);
  if (!role)
    return std::unexpected(role.error());
  KeyedItems<Json> tags;
  for (const Json& tag : role->value("Tags", Json::array()))
    tags.emplace_back(tag.value("Key", ""), tag);
  QueryResponse response(request.operation, kIamNamespace, request.request_id);
  write_marker_page(response.result(), "Tags", tags, request.params, write_tag);
  return response.finish();
}

}  // namespace spawn::localcloud::iam
