#include "localcloud/services/ec2/ec2_filters.hpp"

#include <algorithm>

namespace spawn::localcloud {
namespace {

constexpr std::string_view kTagPrefix = "tag:";

bool is_tag_filter(std::string_view name) {
  return name.starts_with(kTagPrefix) || name == "tag-key" || name == "tag-value";
}

std::string text_of(const Json& value) {
  if (value.is_string())
    return value.get<std::string>();
  if (value.is_boolean())
    return value.get<bool>() ? "true" : "false";
  if (value.is_null())
    return "";
  return value.dump();
}

std::vector<std::string> tag_values(const Json& document, std::string_view name) {
  std::vector<std::string> out;
  auto tags = document.find("Tags");
  if (tags == document.end() || !tags->is_object())
    return out;
  for (const auto& [key, value] : tags->items()) {
    if (name == "tag-key") {
      out.push_back(key);
    } else if (name == "tag-value" || key == name.substr(kTagPrefix.size())) {
      out.push_back(text_of(value));
    }
  }
  return out;
}

bool any_match(const std::vector<std::string>& patterns, const std::vector<std::string>& values) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    return std::any_of(values.begin(), values.end(),
                       [&](const std::string& value) { return wildcard_match(pattern, value); });
  });
}

}  // namespace

FilterField member(const std::string& pointer) {
  return [pointer = Json::json_pointer(pointer)](const Json& document) {
    if (!document.contains(pointer))
      return std::vector<std::string>{};
    return std::vector<std::string>{text_of(document.at(pointer))};
  };
}

FilterField members_of(const std::string& array_pointer, const std::string& member_pointer) {
  return [array = Json::json_pointer(array_pointer),
          field = Json::json_pointer(member_pointer)](const Json& document) {
    std::vector<std::string> out;
    if (!document.contains(array) || !document.at(array).is_array())
      return out;
    for (const Json& element : document.at(array)) {
      if (element.contains(field))
        out.push_back(text_of(element.at(field)));
    }
    return out;
  };
}

std::expected<std::vector<Ec2Filter>, ApiError> parse_filters(const FormParams& params,
                                                              const FilterTable& table) {
  std::vector<Ec2Filter> filters;
  for (const FormParams& raw : params.structs("Filter")) {
    Ec2Filter filter{raw.get_or("Name", ""), raw.list("Value")};
    if (filter.name.empty()) {
      return std::unexpected(client_error("InvalidParameterValue", "A filter has no Name."));
    }
    if (filter.values.empty()) {
      return std::unexpected(
          client_error("InvalidParameterValue", "The filter '" + filter.name + "' has no Value."));
    }
    if (!is_tag_filter(filter.name) && !table.contains(filter.name)) {
      return std::unexpected(
          client_error("InvalidParameterValue", "The filter '" + filter.name + "' is invalid"));
    }
    filters.push_back(std::move(filter));
  }
  return filters;
}

bool matches(const Json& document, const std::vector<Ec2Filter>& filters,
             const FilterTable& table) {
  return std::all_of(filters.begin(), filters.end(), [&](const Ec2Filter& filter) {
    if (is_tag_filter(filter.name)) {
      return any_match(filter.values, tag_values(document, filter.name));
    }
    auto field = table.find(filter.name);
    return field != table.end() && any_match(filter.values, field->second(document));
  });
}

bool wildcard_match(std::string_view pattern, std::string_view text) {
  // Iterative matching with one backtrack point for the last '*' seen.
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

}  // namespace spawn::localcloud
