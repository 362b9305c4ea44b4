// CreateTags, DeleteTags and DescribeTags over every taggable kind of the region
// (see ec2_tag_resources.hpp). Tags live in each document's "Tags" object, so a
// resource's Describe call and IMDS see a change at once.
#include <algorithm>

#include "localcloud/api/responses.hpp"
#include "localcloud/services/ec2/ec2_filters.hpp"
#include "localcloud/services/ec2/ec2_instance_operations.hpp"
#include "localcloud/services/ec2/ec2_json_xml.hpp"
#include "localcloud/services/ec2/ec2_request.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"
#include "localcloud/services/ec2/ec2_tag_resources.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::size_t kMaxTagsPerResource = 50;
constexpr std::size_t kMinResults = 5;
constexpr std::size_t kMaxResults = 1000;

using Edit = std::function<std::optional<ApiError>(Json& tags)>;

std::expected<std::vector<std::string>, ApiError> resource_ids(const FormParams& params) {
  std::vector<std::string> ids = params.list("ResourceId");
  if (ids.empty()) {
    return std::unexpected(
        client_error("MissingParameter", "The request must contain the parameter resourceIdSet"));
  }
  return ids;
}

// Applies `edit` to the tags of every resource in one write.
ApiOutcome edit_tags(const InstanceServices& services, const ApiRequest& request,
                     const Edit& edit) {
  auto ids = resource_ids(request.params);
  if (!ids)
    return std::unexpected(ids.error());
  auto done = services.context.deps.store.write(
      [&](Transaction& transaction) -> std::expected<bool, ApiError> {
        for (const std::string& id : *ids) {
          auto resource = find_taggable(transaction, request.region, id);
          if (!resource)
            return std::unexpected(resource.error());
          Json& tags = (*resource->document)["Tags"];
          if (!tags.is_object())
            tags = Json::object();
          if (auto error = edit(tags))
            return std::unexpected(*error);
        }
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        return true;
      });
  if (!done)
    return std::unexpected(done.error());
  return ec2_return_true(request);
}

ApiOutcome create_tags(const InstanceServices& services, const ApiRequest& request) {
  std::vector<FormParams> tags = request.params.structs("Tag");
  if (tags.empty()) {
    return std::unexpected(
        client_error("MissingParameter", "The request must contain the parameter tagSet"));
  }
  for (const FormParams& tag : tags) {
    if (auto error = invalid_tag(tag.get_or("Key", ""), tag.get_or("Value", "")))
      return std::unexpected(*error);
  }
  return edit_tags(services, request, [&](Json& current) -> std::optional<ApiError> {
    for (const FormParams& tag : tags)
      current[tag.get_or("Key", "")] = tag.get_or("Value", "");
    if (current.size() > kMaxTagsPerResource) {
      return client_error("TagLimitExceeded",
                          "The maximum number of Tags for a resource has been reached.");
    }
    return std::nullopt;
  });
}

// Without Tag.N every tag goes; a tag given with a Value goes only when the value matches.
ApiOutcome delete_tags(const InstanceServices& services, const ApiRequest& request) {
  std::vector<FormParams> tags = request.params.structs("Tag");
  return edit_tags(services, request, [&](Json& current) -> std::optional<ApiError> {
    if (tags.empty()) {
      current = Json::object();
      return std::nullopt;
    }
    for (const FormParams& tag : tags) {
      std::string key = tag.get_or("Key", "");
      auto value = tag.get("Value");
      auto existing = current.find(key);
      if (existing != current.end() && (!value || *existing == *value))
        current.erase(existing);
    }
    return std::nullopt;
  });
}

const FilterTable& tag_filters() {
  static const FilterTable table{
      {"resource-id", member("/ResourceId")},
      {"resource-type", member("/ResourceType")},
      {"key", member("/Key")},
      {"value", member("/Value")},
  };
  return table;
}

// Every tag of the region as a TagDescription, keyed "<resource id>\t<key>" so that the
// page order is by resource, then key. "Tags" carries the resource's tags for tag:K filters.
std::map<std::string, Json> tag_descriptions(const ResourceStore& store, std::string_view region) {
  std::map<std::string, Json> out;
  for (const TaggableKind& kind : taggable_kinds()) {
    store.read(region, kind.kind, [&](const ResourceMap& documents) {
      for (const auto& [key, document] : documents) {
        const Json& tags = document.value("Tags", Json::object());
        for (const auto& [tag, value] : tags.items()) {
          out[std::string(key).append("\t").append(tag)] = Json{{"ResourceId", key},
                                                                {"ResourceType", kind.kind},
                                                                {"Key", tag},
                                                                {"Value", value},
                                                                {"Tags", tags}};
        }
      }
    });
  }
  return out;
}

ApiOutcome describe_tags(const InstanceServices& services, const ApiRequest& request) {
  auto filters = parse_filters(request.params, tag_filters());
  if (!filters)
    return std::unexpected(filters.error());
  auto page_request = parse_page_request(request.params, kMinResults, kMaxResults);
  if (!page_request)
    return std::unexpected(page_request.error());
  auto descriptions = tag_descriptions(services.context.deps.store, request.region);
  std::vector<std::string> selected;
  for (const auto& [key, description] : descriptions) {
    if (matches(description, *filters, tag_filters()))
      selected.push_back(key);
  }
  auto page = page_of(selected, *page_request);
  if (!page)
    return std::unexpected(page.error());
  Ec2Response response(request.operation, request.request_id);
  pugi::xml_node set = add_node(response.root(), "tagSet");
  for (const std::string& key : page->ids) {
    add_members(add_node(set, "item"), descriptions.at(key),
                {"ResourceId", "ResourceType", "Key", "Value"}, {});
  }
  if (!page->next_token.empty())
    add_text(response.root(), "nextToken", page->next_token);
  return response.finish();
}

}  // namespace

void add_tag_operations(OperationTable& table, const InstanceServices& services) {
  table["CreateTags"] = [services](const ApiRequest& r) { return create_tags(services, r); };
  table["DeleteTags"] = [services](const ApiRequest& r) { return delete_tags(services, r); };
  table["DescribeTags"] = [services](const ApiRequest& r) { return describe_tags(services, r); };
}

}  // namespace spawn::localcloud
