#include "localcloud/services/ec2/ec2_request.hpp"

#include <algorithm>
#include <charconv>

#include "localcloud/api/responses.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::size_t kMaxTagKey = 128;
constexpr std::size_t kMaxTagValue = 256;

ApiError invalid_value(std::string message) {
  return client_error("InvalidParameterValue", std::move(message));
}

}  // namespace

std::expected<std::string, ApiError> required(const FormParams& params, std::string_view name) {
  auto value = params.get(name);
  if (!value || value->empty()) {
    return std::unexpected(client_error(
        "MissingParameter", "The request must contain the parameter " + std::string(name)));
  }
  return *value;
}

std::optional<ApiError> dry_run_answer(const FormParams& params) {
  if (!params.get_bool("DryRun"))
    return std::nullopt;
  return ApiError{412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set."};
}

std::expected<Ec2PageRequest, ApiError> parse_page_request(const FormParams& params,
                                                           std::size_t min, std::size_t max,
                                                           AboveMax above) {
  Ec2PageRequest request;
  request.next_token = params.get_or("NextToken", "");
  if (auto text = params.get("MaxResults")) {
    std::size_t value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    bool number = ec == std::errc{} && end == text->data() + text->size();
    if (number && value > max && above == AboveMax::capped)
      value = max;
    if (!number || value < min || value > max) {
      return std::unexpected(invalid_value("Value ( " + *text +
                                           " ) for parameter maxResults is invalid. Expecting a "
                                           "value between " +
                                           std::to_string(min) + " and " + std::to_string(max)));
    }
    request.max_results = value;
  }
  return request;
}

std::expected<Ec2Page, ApiError> page_of(const std::vector<std::string>& sorted_ids,
                                         const Ec2PageRequest& request) {
  auto first = sorted_ids.begin();
  if (!request.next_token.empty()) {
    auto last_served = base64_decode(request.next_token);
    if (!last_served || last_served->empty()) {
      return std::unexpected(
          invalid_value("Invalid value '" + request.next_token + "' for nextToken"));
    }
    first = std::upper_bound(sorted_ids.begin(), sorted_ids.end(), *last_served);
  }
  std::size_t remaining = static_cast<std::size_t>(sorted_ids.end() - first);
  std::size_t count = request.max_results ? std::min(*request.max_results, remaining) : remaining;
  Ec2Page page{{first, first + static_cast<std::ptrdiff_t>(count)}, ""};
  if (count < remaining && !page.ids.empty())
    page.next_token = base64_encode(page.ids.back());
  return page;
}

std::optional<ApiError> invalid_tag(std::string_view key, std::string_view value) {
  if (key.empty() || key.size() > kMaxTagKey) {
    return invalid_value("Tag keys must be between 1 and 128 characters long");
  }
  if (value.size() > kMaxTagValue) {
    return invalid_value("Tag values may be at most 256 characters long");
  }
  if (key.starts_with("aws:")) {
    return invalid_value("Tag keys starting with 'aws:' are reserved for internal use");
  }
  return std::nullopt;
}

std::expected<Ec2Tags, ApiError> tags_for(const FormParams& params, std::string_view resource_type,
                                          std::initializer_list<std::string_view> allowed) {
  Ec2Tags tags;
  for (const FormParams& spec : params.structs("TagSpecification")) {
    std::string type = spec.get_or("ResourceType", "");
    if (std::find(allowed.begin(), allowed.end(), type) == allowed.end()) {
      return std::unexpected(invalid_value("'" + type +
                                           "' is not a valid taggable resource type for this "
                                           "operation."));
    }
    if (type != resource_type)
      continue;
    for (const FormParams& tag : spec.structs("Tag")) {
      std::string key = tag.get_or("Key", "");
      std::string value = tag.get_or("Value", "");
      if (auto error = invalid_tag(key, value))
        return std::unexpected(*error);
      tags[key] = value;
    }
  }
  return tags;
}

Json tags_to_json(const Ec2Tags& tags) {
  Json out = Json::object();
  for (const auto& [key, value] : tags)
    out[key] = value;
  return out;
}

void add_tag_set(pugi::xml_node parent, const Json& document) {
  auto tags = document.find("Tags");
  if (tags == document.end() || !tags->is_object() || tags->empty())
    return;
  pugi::xml_node set = add_node(parent, "tagSet");
  for (const auto& [key, value] : tags->items()) {
    pugi::xml_node item = add_node(set, "item");
    add_text(item, "key", key);
    add_text(item, "value", value.is_string() ? value.get<std::string>() : value.dump());
  }
}

}  // namespace spawn::localcloud
