#include "localcloud/services/iam/iam_documents.hpp"

#include <algorithm>

#include "localcloud/api/responses.hpp"
#include "localcloud/services/iam/iam_errors.hpp"
#include "localcloud/services/iam/iam_lookup.hpp"
#include "localcloud/services/iam/marker_page.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud::iam {
namespace {

std::string text_of(const Json& document, const char* member) {
  return document.value(member, "");
}

}  // namespace

std::string iam_arn(std::string_view type, std::string_view path, std::string_view name) {
  return "arn:aws:iam::" + std::string(kAccountId) + ":" + std::string(type) + std::string(path) +
         std::string(name);
}

Json tags_from(const FormParams& params) {
  Json tags = Json::array();
  for (const FormParams& tag : params.structs("Tags.member"))
    tags.push_back(Json{{"Key", tag.get_or("Key", "")}, {"Value", tag.get_or("Value", "")}});
  return tags;
}

void merge_tags(Json& existing, const Json& tags) {
  for (const Json& tag : tags) {
    auto same_key = std::find_if(existing.begin(), existing.end(), [&](const Json& old) {
      return iequals(text_of(old, "Key"), text_of(tag, "Key"));
    });
    if (same_key != existing.end())
      *same_key = tag;
    else
      existing.push_back(tag);
  }
}

bool is_policy_json(std::string_view text) {
  Json parsed = Json::parse(text, nullptr, false);
  return !parsed.is_discarded() && parsed.is_object();
}

void write_role(pugi::xml_node node, const Json& role, RoleTags tags) {
  add_text(node, "Path", text_of(role, "Path"));
  add_text(node, "RoleName", text_of(role, "RoleName"));
  add_text(node, "RoleId", text_of(role, "RoleId"));
  add_text(node, "Arn", text_of(role, "Arn"));
  add_text(node, "CreateDate", text_of(role, "CreateDate"));
  add_text(node, "AssumeRolePolicyDocument", uri_encode(text_of(role, "AssumeRolePolicyDocument")));
  if (std::string description = text_of(role, "Description"); !description.empty())
    add_text(node, "Description", description);
  add_text(node, "MaxSessionDuration", std::to_string(role.value("MaxSessionDuration", 3600)));
  if (tags == RoleTags::include && !role.value("Tags", Json::array()).empty())
    write_tags(node, role.at("Tags"));
}

void write_instance_profile(pugi::xml_node node, const Json& profile,
                            const std::vector<Json>& roles) {
  add_text(node, "Path", text_of(profile, "Path"));
  add_text(node, "InstanceProfileName", text_of(profile, "InstanceProfileName"));
  add_text(node, "InstanceProfileId", text_of(profile, "InstanceProfileId"));
  add_text(node, "Arn", text_of(profile, "Arn"));
  add_text(node, "CreateDate", text_of(profile, "CreateDate"));
  pugi::xml_node roles_node = add_node(node, "Roles");
  for (const Json& role : roles)
    write_role(add_node(roles_node, "member"), role, RoleTags::omit);
  if (!profile.value("Tags", Json::array()).empty())
    write_tags(node, profile.at("Tags"));
}

void write_tags(pugi::xml_node parent, const Json& tags) {
  pugi::xml_node tags_node = add_node(parent, "Tags");
  for (const Json& tag : tags)
    write_tag(add_node(tags_node, "member"), tag);
}

void write_tag(pugi::xml_node member, const Json& tag) {
  add_text(member, "Key", text_of(tag, "Key"));
  add_text(member, "Value", text_of(tag, "Value"));
}

std::string role_name_of(const ApiRequest& request) {
  return request.params.get_or("RoleName", "");
}

std::expected<Json*, ApiError> role_in(Transaction& transaction, std::string_view name) {
  Json* role = transaction.find(kIamRegion, kRoleKind, iam_key(name));
  if (role == nullptr)
    return std::unexpected(no_such_role(name));
  return role;
}

std::expected<Json*, ApiError> instance_profile_in(Transaction& transaction,
                                                   std::string_view name) {
  Json* profile = transaction.find(kIamRegion, kInstanceProfileKind, iam_key(name));
  if (profile == nullptr)
    return std::unexpected(no_such_instance_profile(name));
  return profile;
}

std::expected<Json, ApiError> stored_role(const ResourceStore& store, std::string_view name) {
  auto role = store.get(kIamRegion, kRoleKind, iam_key(name));
  if (!role)
    return std::unexpected(no_such_role(name));
  return std::move(*role);
}

std::expected<Json, ApiError> role_to_list(const ResourceStore& store, const ApiRequest& request) {
  std::vector<InputRule> rules = page_rules();
  rules.insert(rules.begin(), kRoleNameRule);
  if (auto invalid = check_input(request.params, rules))
    return std::unexpected(*invalid);
  return stored_role(store, role_name_of(request));
}

std::expected<Json, ApiError> stored_instance_profile(const ResourceStore& store,
                                                      std::string_view name) {
  auto profile = store.get(kIamRegion, kInstanceProfileKind, iam_key(name));
  if (!profile)
    return std::unexpected(no_such_instance_profile(name));
  return std::move(*profile);
}

std::vector<Json> roles_of(const ResourceStore& store, const Json& profile) {
  std::vector<Json> roles;
  for (const Json& name : profile.value("RoleNames", Json::array())) {
    if (auto role = store.get(kIamRegion, kRoleKind, iam_key(name.get<std::string>())))
      roles.push_back(std::move(*role));
  }
  return roles;
}

bool holds_name(const Json& names, std::string_view name) {
  return std::any_of(names.begin(), names.end(), [&](const Json& held) {
    return held.is_string() && iequals(held.get<std::string>(), name);
  });
}

}  // namespace spawn::localcloud::iam
