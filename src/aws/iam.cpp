// IAM over the query protocol. Every operation is a row: its action, its
// parameters, and the reader of its <ActionResult>. Roles and instance
// profiles are read by one reader each wherever they appear (CreateRole,
// GetRole, the <Roles> inside a profile, the profiles listed for a role).
// IAM sends AssumeRolePolicyDocument URL-encoded; it is decoded here so callers
// see the JSON they wrote.
#include "aws/iam.hpp"

#include <initializer_list>
#include <string_view>
#include <utility>

#include "aws/pagination.hpp"
#include "aws/query_protocol.hpp"
#include "aws/xml.hpp"
#include "util/encoding.hpp"

namespace spawn::aws {

namespace {

using Param = std::pair<std::string_view, std::string_view>;

QueryParams params_of(std::initializer_list<Param> list) {
  QueryParams params;
  for (const auto& [key, value] : list)
    params.add(std::string(key), std::string(value));
  return params;
}

void add_tags(QueryParams& params, const std::vector<Tag>& tags) {
  for (std::size_t i = 0; i < tags.size(); ++i) {
    std::string prefix = "Tags.member." + std::to_string(i + 1);
    params.add(prefix + ".Key", tags[i].key).add(prefix + ".Value", tags[i].value);
  }
}

QueryParams list_params(const RoleListRequest& request) {
  QueryParams params = params_of({{"RoleName", request.role_name}});
  params.add_if("Marker", request.page.next_token);
  if (request.page.max_results > 0) {
    params.add("MaxItems", std::to_string(request.page.max_results));
  }
  return params;
}

// Calls `action` and maps its result element through `read`.
template <class Read>
auto call(AwsClient& client, std::string_view action, const QueryParams& params, Read read)
    -> Result<decltype(read(pugi::xml_node{}))> {
  auto answer = call_query(client, services::iam, action, params);
  if (!answer)
    return std::unexpected(std::move(answer.error()));
  return read(answer->result());
}

Result<void> call_without_answer(AwsClient& client, std::string_view action,
                                 const QueryParams& params) {
  auto answer = call_query(client, services::iam, action, params);
  if (!answer)
    return std::unexpected(std::move(answer.error()));
  return {};
}

std::vector<Tag> read_tags(pugi::xml_node parent) {
  std::vector<Tag> tags;
  for (pugi::xml_node member : xml::list(parent, "Tags")) {
    tags.push_back(Tag{xml::text(member, "Key"), xml::text(member, "Value")});
  }
  return tags;
}

// IAM's URL-encoded policy text as JSON; text that does not decode is kept as sent.
std::string decode_policy(std::string encoded) {
  auto decoded = percent_decode(encoded, PlusMeans::plus);
  return decoded ? std::move(*decoded) : std::move(encoded);
}

Role read_role(pugi::xml_node node) {
  return Role{xml::text(node, "RoleName"),
              xml::text(node, "RoleId"),
              xml::text(node, "Arn"),
              xml::text(node, "Path"),
              decode_policy(xml::text(node, "AssumeRolePolicyDocument")),
              xml::text(node, "Description"),
              xml::timestamp(node, "CreateDate"),
              read_tags(node)};
}

InstanceProfile read_instance_profile(pugi::xml_node node) {
  InstanceProfile profile{xml::text(node, "InstanceProfileName"),
                          xml::text(node, "InstanceProfileId"),
                          xml::text(node, "Arn"),
                          xml::text(node, "Path"),
                          xml::timestamp(node, "CreateDate"),
                          {},
                          read_tags(node)};
  for (pugi::xml_node member : xml::list(node, "Roles"))
    profile.roles.push_back(read_role(member));
  return profile;
}

AttachedPolicy read_attached_policy(pugi::xml_node node) {
  return AttachedPolicy{xml::text(node, "PolicyName"), xml::text(node, "PolicyArn")};
}

std::string read_member_text(pugi::xml_node node) {
  return node.text().get();
}

// A reader for a Marker-paginated answer whose items are the list at `path`.
template <class Read>
auto page_of(std::string_view path, Read read) {
  return [path, read](pugi::xml_node result) {
    Page<decltype(read(pugi::xml_node{}))> page;
    for (pugi::xml_node member : xml::list(result, path))
      page.items.push_back(read(member));
    if (xml::boolean(result, "IsTruncated").value_or(false)) {
      page.next_token = xml::text(result, "Marker");
    }
    return page;
  };
}

// A reader for the one structure at `path` of the result.
template <class Read>
auto child_of(std::string_view path, Read read) {
  return [path, read](pugi::xml_node result) { return read(xml::child(result, path)); };
}

// The `name_field` of every member of an account-wide list (`action`'s list at `list_path`),
// all pages.
Result<std::vector<std::string>> list_names_all(AwsClient& client, std::string_view action,
                                                std::string_view list_path,
                                                std::string_view name_field) {
  struct ListRequest {
    PageRequest page;
  };
  auto read_name = [name_field](pugi::xml_node member) { return xml::text(member, name_field); };
  return collect_all_pages(ListRequest{}, [&](const ListRequest& request) {
    QueryParams params;
    params.add_if("Marker", request.page.next_token);
    return call(client, action, params, page_of(list_path, read_name));
  });
}

}  // namespace

Result<Role> IamClient::create_role(const CreateRoleRequest& request) {
  QueryParams params = params_of(
      {{"RoleName", request.name}, {"AssumeRolePolicyDocument", request.assume_role_policy}});
  params.add_if("Path", request.path).add_if("Description", request.description);
  add_tags(params, request.tags);
  return call(client_, "CreateRole", params, child_of("Role", read_role));
}

Result<Role> IamClient::get_role(const std::string& role_name) {
  return call(client_, "GetRole", params_of({{"RoleName", role_name}}),
              child_of("Role", read_role));
}

Result<void> IamClient::delete_role(const std::string& role_name) {
  return call_without_answer(client_, "DeleteRole", params_of({{"RoleName", role_name}}));
}

Result<void> IamClient::put_role_policy(const std::string& role_name,
                                        const std::string& policy_name,
                                        const std::string& policy_document) {
  return call_without_answer(client_, "PutRolePolicy",
                             params_of({{"RoleName", role_name},
                                        {"PolicyName", policy_name},
                                        {"PolicyDocument", policy_document}}));
}

Result<void> IamClient::delete_role_policy(const std::string& role_name,
                                           const std::string& policy_name) {
  return call_without_answer(client_, "DeleteRolePolicy",
                             params_of({{"RoleName", role_name}, {"PolicyName", policy_name}}));
}

Result<void> IamClient::attach_role_policy(const std::string& role_name,
                                           const std::string& policy_arn) {
  return call_without_answer(client_, "AttachRolePolicy",
                             params_of({{"RoleName", role_name}, {"PolicyArn", policy_arn}}));
}

Result<void> IamClient::detach_role_policy(const std::string& role_name,
                                           const std::string& policy_arn) {
  return call_without_answer(client_, "DetachRolePolicy",
                             params_of({{"RoleName", role_name}, {"PolicyArn", policy_arn}}));
}

Result<std::vector<std::string>> IamClient::list_role_names_all() {
  return list_names_all(client_, "ListRoles", "Roles", "RoleName");
}

Result<Page<std::string>> IamClient::list_role_policies(const RoleListRequest& request) {
  return call(client_, "ListRolePolicies", list_params(request),
              page_of("PolicyNames", read_member_text));
}

Result<std::vector<std::string>> IamClient::list_role_policies_all(const std::string& role_name) {
  return collect_all_pages(RoleListRequest{role_name, {}}, [this](const RoleListRequest& page) {
    return list_role_policies(page);
  });
}

Result<Page<AttachedPolicy>> IamClient::list_attached_role_policies(
    const RoleListRequest& request) {
  return call(client_, "ListAttachedRolePolicies", list_params(request),
              page_of("AttachedPolicies", read_attached_policy));
}

Result<std::vector<AttachedPolicy>> IamClient::list_attached_role_policies_all(
    const std::string& role_name) {
  return collect_all_pages(RoleListRequest{role_name, {}}, [this](const RoleListRequest& page) {
    return list_attached_role_policies(page);
  });
}

Result<std::vector<std::string>> IamClient::list_instance_profile_names_all() {
  return list_names_all(client_, "ListInstanceProfiles", "InstanceProfiles", "InstanceProfileName");
}

Result<InstanceProfile> IamClient::create_instance_profile(
    const CreateInstanceProfileRequest& request) {
  QueryParams params = params_of({{"InstanceProfileName", request.name}});
  params.add_if("Path", request.path);
  add_tags(params, request.tags);
  return call(client_, "CreateInstanceProfile", params,
              child_of("InstanceProfile", read_instance_profile));
}

Result<InstanceProfile> IamClient::get_instance_profile(const std::string& profile_name) {
  return call(client_, "GetInstanceProfile", params_of({{"InstanceProfileName", profile_name}}),
              child_of("InstanceProfile", read_instance_profile));
}

Result<void> IamClient::delete_instance_profile(const std::string& profile_name) {
  return call_without_answer(client_, "DeleteInstanceProfile",
                             params_of({{"InstanceProfileName", profile_name}}));
}

Result<void> IamClient::add_role_to_instance_profile(const std::string& profile_name,
                                                     const std::string& role_name) {
  return call_without_answer(
      client_, "AddRoleToInstanceProfile",
      params_of({{"InstanceProfileName", profile_name}, {"RoleName", role_name}}));
}

Result<void> IamClient::remove_role_from_instance_profile(const std::string& profile_name,
                                                          const std::string& role_name) {
  return call_without_answer(
      client_, "RemoveRoleFromInstanceProfile",
      params_of({{"InstanceProfileName", profile_name}, {"RoleName", role_name}}));
}

Result<Page<InstanceProfile>> IamClient::list_instance_profiles_for_role(
    const RoleListRequest& request) {
  return call(client_, "ListInstanceProfilesForRole", list_params(request),
              page_of("InstanceProfiles", read_instance_profile));
}

Result<std::vector<InstanceProfile>> IamClient::list_instance_profiles_for_role_all(
    const std::string& role_name) {
  return collect_all_pages(RoleListRequest{role_name, {}}, [this](const RoleListRequest& page) {
    return list_instance_profiles_for_role(page);
  });
}

}  // namespace spawn::aws
