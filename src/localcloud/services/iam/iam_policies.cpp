// A role's permissions: inline policies (named documents kept in the role) and
// attached managed policies (ARNs). localcloud knows no managed policy
// documents, so any AWS managed policy ARN (arn:aws:iam::aws:policy/<path><name>)
// attaches and customer managed ones do not exist; nothing is enforced.
#include <algorithm>

#include "localcloud/services/iam/iam_documents.hpp"
#include "localcloud/services/iam/iam_errors.hpp"
#include "localcloud/services/iam/iam_operations.hpp"
#include "localcloud/services/iam/marker_page.hpp"
#include "localcloud/services/iam/query_input.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud::iam {
namespace {

using Change = std::expected<void, ApiError>;

constexpr std::string_view kManagedPolicyPrefix = "arn:aws:iam::aws:policy";
constexpr std::size_t kMaxInlinePolicyBytes = 10240;
constexpr std::size_t kMaxAttachedPolicies = 10;

const InputRule kPolicyNameRule{"PolicyName", Need::required, shapes::kPolicyName};
const InputRule kPolicyArnRule{"PolicyArn", Need::required, shapes::kArn};
constexpr TextShape kPolicyPath{1, 512, "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/", shapes::is_path};

// The inline policy `name` of `role`, or the end of its list.
Json::iterator inline_policy(Json& role, std::string_view name) {
  Json& policies = role["RolePolicyList"];
  return std::find_if(policies.begin(), policies.end(), [&](const Json& policy) {
    return iequals(policy.value("PolicyName", ""), name);
  });
}

ApiError no_such_role_policy(std::string_view name) {
  return no_such_entity("The role policy with name " + std::string(name) + " cannot be found.");
}

// IAM counts a role's inline policies together, without whitespace.
std::size_t inline_policy_bytes(const Json& role) {
  std::size_t bytes = 0;
  for (const Json& policy : role.value("RolePolicyList", Json::array())) {
    std::string document = policy.value("PolicyDocument", "");
    bytes += static_cast<std::size_t>(std::count_if(document.begin(), document.end(), [](char c) {
      return !std::isspace(static_cast<unsigned char>(c));
    }));
  }
  return bytes;
}

// "/service-role/" for arn:aws:iam::aws:policy/service-role/Name.
std::string managed_policy_path(std::string_view arn) {
  std::string_view resource = arn.substr(kManagedPolicyPrefix.size());
  return std::string(resource.substr(0, resource.rfind('/') + 1));
}

// The name of the AWS managed policy `arn`, or the error IAM gives for it.
std::expected<std::string, ApiError> managed_policy_name(std::string_view arn) {
  if (!arn.starts_with("arn:"))
    return std::unexpected(
        client_error("InvalidInput", "ARN " + std::string(arn) + " is not valid."));
  std::string_view name = arn.substr(arn.rfind('/') + 1);
  if (!arn.starts_with(std::string(kManagedPolicyPrefix) + "/") || name.empty()) {
    return std::unexpected(
        no_such_entity("Policy " + std::string(arn) + " does not exist or is not attachable."));
  }
  return std::string(name);
}

bool is_attached(const Json& role, std::string_view arn) {
  const Json attached = role.value("AttachedManagedPolicies", Json::array());
  return std::any_of(attached.begin(), attached.end(),
                     [&](const Json& policy) { return policy.value("PolicyArn", "") == arn; });
}

Change attach(Json& role, std::string_view arn, const std::string& name) {
  if (is_attached(role, arn))
    return {};
  Json& attached = role["AttachedManagedPolicies"];
  if (attached.size() >= kMaxAttachedPolicies) {
    return std::unexpected(limit_exceeded("Cannot exceed quota for PoliciesPerRole: " +
                                          std::to_string(kMaxAttachedPolicies)));
  }
  attached.push_back(Json{{"PolicyName", name}, {"PolicyArn", arn}});
  return {};
}

Change detach(Json& role, const std::string& arn) {
  if (!is_attached(role, arn))
    return std::unexpected(no_such_entity("Policy " + arn + " was not found."));
  Json kept = Json::array();
  for (const Json& policy : role["AttachedManagedPolicies"]) {
    if (policy.value("PolicyArn", "") != arn)
      kept.push_back(policy);
  }
  role["AttachedManagedPolicies"] = std::move(kept);
  return {};
}

// Adds `policy` to `role`, replacing the one of the same name.
Change put_inline(Json& role, Json policy) {
  if (auto existing = inline_policy(role, policy.value("PolicyName", ""));
      existing != role["RolePolicyList"].end()) {
    *existing = std::move(policy);
  } else {
    role["RolePolicyList"].push_back(std::move(policy));
  }
  if (inline_policy_bytes(role) > kMaxInlinePolicyBytes) {
    return std::unexpected(
        limit_exceeded("Maximum policy size of " + std::to_string(kMaxInlinePolicyBytes) +
                       " bytes exceeded for role " + role.value("RoleName", "")));
  }
  return {};
}

Change delete_inline(Json& role, const std::string& name) {
  auto policy = inline_policy(role, name);
  if (policy == role["RolePolicyList"].end())
    return std::unexpected(no_such_role_policy(name));
  role["RolePolicyList"].erase(policy);
  return {};
}

}  // namespace

ApiOutcome put_role_policy(ResourceStore& store, const ApiRequest& request) {
  if (auto invalid = check_input(request.params,
                                 {kRoleNameRule,
                                  kPolicyNameRule,
                                  {"PolicyDocument", Need::required, shapes::kPolicyDocument}}))
    return std::unexpected(*invalid);
  std::string name = request.params.get_or("PolicyName", "");
  std::string document = request.params.get_or("PolicyDocument", "");
  if (!is_policy_json(document))
    return std::unexpected(malformed_policy_document("Syntax errors in policy."));
  Json policy{{"PolicyName", name}, {"PolicyDocument", document}};
  return iam_empty_answer(request,
                          change_role(store, role_name_of(request), [&](Transaction&, Json& role) {
                            return put_inline(role, std::move(policy));
                          }));
}

ApiOutcome get_role_policy(ResourceStore& store, const ApiRequest& request) {
  if (auto invalid = check_input(request.params, {kRoleNameRule, kPolicyNameRule}))
    return std::unexpected(*invalid);
  auto role = stored_role(store, role_name_of(request));
  if (!role)
    return std::unexpected(role.error());
  std::string name = request.params.get_or("PolicyName", "");
  auto policy = inline_policy(*role, name);
  if (policy == (*role)["RolePolicyList"].end())
    return std::unexpected(no_such_role_policy(name));
  QueryResponse response(request.operation, kIamNamespace, request.request_id);
  add_text(response.result(), "RoleName", role->value("RoleName", ""));
  add_text(response.result(), "PolicyName", policy->value("PolicyName", ""));
  add_text(response.result(), "PolicyDocument", uri_encode(policy->value("PolicyDocument", "")));
  return response.finish();
}

ApiOutcome delete_role_policy(ResourceStore& store, const ApiRequest& request) {
  if (auto invalid = check_input(request.params, {kRoleNameRule, kPolicyNameRule}))
    return std::unexpected(*invalid);
  std::string name = request.params.get_or("PolicyName", "");
  return iam_empty_answer(
      request, change_role(store, role_name_of(request),
                           [&](Transaction&, Json& role) { return delete_inline(role, name); }));
}

ApiOutcome list_role_policies(ResourceStore& store, const ApiRequest& request) {
  auto role = role_to_list(store, request);
  if (!role)
    return std::unexpected(role.error());
  KeyedItems<std::string> names;
  for (const Json& policy : role->value("RolePolicyList", Json::array())) {
    std::string name = policy.value("PolicyName", "");
    names.emplace_back(name, name);
  }
  QueryResponse response(request.operation, kIamNamespace, request.request_id);
  write_marker_page(
      response.result(), "PolicyNames", names, request.params,
      [](pugi::xml_node member, const std::string& name) { member.text().set(name.c_str()); });
  return response.finish();
}

ApiOutcome attach_role_policy(ResourceStore& store, const ApiRequest& request) {
  if (auto invalid = check_input(request.params, {kRoleNameRule, kPolicyArnRule}))
    return std::unexpected(*invalid);
  std::string arn = request.params.get_or("PolicyArn", "");
  auto name = managed_policy_name(arn);
  if (!name)
    return std::unexpected(name.error());
  return iam_empty_answer(
      request, change_role(store, role_name_of(request),
                           [&](Transaction&, Json& role) { return attach(role, arn, *name); }));
}

ApiOutcome detach_role_policy(ResourceStore& store, const ApiRequest& request) {
  if (auto invalid = check_input(request.params, {kRoleNameRule, kPolicyArnRule}))
    return std::unexpected(*invalid);
  std::string arn = request.params.get_or("PolicyArn", "");
  return iam_empty_answer(request,
                          change_role(store, role_name_of(request),
                                      [&](Transaction&, Json& role) { return detach(role, arn); }));
}

ApiOutcome list_attached_role_policies(ResourceStore& store, const ApiRequest& request) {
  std::vector<InputRule> rules = page_rules();
  rules.insert(rules.begin(), kRoleNameRule);
  rules.push_back({"PathPrefix", Need::optional, kPolicyPath});
  if (auto invalid = check_input(request.params, rules))
    return std::unexpected(*invalid);
  auto role = stored_role(store, role_name_of(request));
  if (!role)
    return std::unexpected(role.error());
  std::string prefix = request.params.get_or("PathPrefix", "/");
  KeyedItems<Json> attached;
  for (const Json& policy : role->value("AttachedManagedPolicies", Json::array())) {
    std::string arn = policy.value("PolicyArn", "");
    if (managed_policy_path(arn).starts_with(prefix))
      attached.emplace_back(arn, policy);
  }
  QueryResponse response(request.operation, kIamNamespace, request.request_id);
  write_marker_page(response.result(), "AttachedPolicies", attached, request.params,
                    [](pugi::xml_node member, const Json& policy) {
                      add_text(member, "PolicyName", policy.value("PolicyName", ""));
                      add_text(member, "PolicyArn", policy.value("PolicyArn", ""));
                    });
  return response.finish();
}

}  // namespace spawn::localcloud::iam
