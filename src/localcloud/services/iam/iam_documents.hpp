// IAM's stored documents (see iam_lookup.hpp for their members) and how they
// are written into answers. Policy documents are stored as the JSON text the
// caller sent and answered URL-encoded, as IAM does.
#pragma once

#include <expected>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "localcloud/api/api.hpp"
#include "localcloud/services/iam/query_input.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud::iam {

// "arn:aws:iam::123456789012:<type><path><name>" ("role", "/", "demo" → …:role/demo).
std::string iam_arn(std::string_view type, std::string_view path, std::string_view name);

// The Tags.member.N of `params` as [{Key, Value}], in index order.
Json tags_from(const FormParams& params);
// `tags` applied over `existing`: a key already present (case-insensitively) takes the new value.
void merge_tags(Json& existing, const Json& tags);

// Whether `text` is a JSON object, as every policy document must be.
bool is_policy_json(std::string_view text);

enum class RoleTags { include, omit };
// Fills `node` (<Role> or <member>) with the role's members as IAM answers them.
void write_role(pugi::xml_node node, const Json& role, RoleTags tags);
// Fills `node` with the profile's members; `roles` are the documents of the roles it holds.
void write_instance_profile(pugi::xml_node node, const Json& profile,
                            const std::vector<Json>& roles);
// Appends <Tags><member><Key/><Value/></member>…</Tags> to `parent`.
void write_tags(pugi::xml_node parent, const Json& tags);
// Fills `member` with one tag's <Key> and <Value>.
void write_tag(pugi::xml_node member, const Json& tag);

// The RoleName the request names ("" when absent; check_input has refused that already).
std::string role_name_of(const ApiRequest& request);

// The staged role / instance profile called `name`, or NoSuchEntity.
std::expected<Json*, ApiError> role_in(Transaction& transaction, std::string_view name);
std::expected<Json*, ApiError> instance_profile_in(Transaction& transaction, std::string_view name);
// The stored role / instance profile called `name`, or NoSuchEntity.
std::expected<Json, ApiError> stored_role(const ResourceStore& store, std::string_view name);
// RoleName, as every role operation reads it.
inline const InputRule kRoleNameRule{"RoleName", Need::required, shapes::kRoleName};

// The role a paged list call (ListRolePolicies, ListRoleTags, ...) names, once RoleName and
// the paging parameters have been checked.
std::expected<Json, ApiError> role_to_list(const ResourceStore& store, const ApiRequest& request);
std::expected<Json, ApiError> stored_instance_profile(const ResourceStore& store,
                                                      std::string_view name);
// Runs edit(transaction, role) on the role called `name` inside one write, so that its
// changes are kept only when it succeeds; NoSuchEntity when there is no such role.
template <class Edit>
std::expected<void, ApiError> change_role(ResourceStore& store, std::string_view name, Edit edit) {
  return store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
    auto role = role_in(transaction, name);
    if (!role)
      return std::unexpected(role.error());
    return edit(transaction, **role);
  });
}

// The documents of the roles `profile` holds.
std::vector<Json> roles_of(const ResourceStore& store, const Json& profile);

// Whether `names` (a JSON array of strings) holds `name`, ignoring case as IAM does.
bool holds_name(const Json& names, std::string_view name);

}  // namespace spawn::localcloud::iam
