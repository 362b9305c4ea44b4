#include "localcloud/services/ssm/ssm_input.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

#include "util/strings.hpp"

namespace spawn::localcloud::ssm {
namespace {

bool has_type(const Json& value, JsonType type) {
  switch (type) {
    case JsonType::string: return value.is_string();
    case JsonType::boolean: return value.is_boolean();
    case JsonType::integer: return value.is_number_integer();
    case JsonType::string_list:
      return value.is_array() && std::all_of(value.begin(), value.end(),
                                             [](const Json& item) { return item.is_string(); });
  }
  return false;
}

std::string_view type_name(JsonType type) {
  switch (type) {
    case JsonType::string: return "a string";
    case JsonType::boolean: return "a boolean";
    case JsonType::integer: return "an integer";
    case JsonType::string_list: return "a list of strings";
  }
  return "";
}

// "MaxResults" → "maxResults", as AWS names members in validation messages.
std::string lower_camel(std::string_view name) {
  std::string out(name);
  if (!out.empty())
    out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

// The size the rule's bounds apply to: a string's length, a list's size, an integer's value.
long long measure(const Json& value, JsonType type) {
  switch (type) {
    case JsonType::string: return static_cast<long long>(value.get<std::string>().size());
    case JsonType::string_list: return static_cast<long long>(value.size());
    case JsonType::integer: return value.get<long long>();
    case JsonType::boolean: return 0;
  }
  return 0;
}

std::optional<std::string> bound_problem(const Json& value, const MemberRule& rule) {
  std::string_view what = rule.type == JsonType::integer ? "value" : "length";
  long long size = measure(value, rule.type);
  if (size < rule.min)
    return fmt::format("Member must have {} greater than or equal to {}", what, rule.min);
  if (rule.max != 0 && size > rule.max)
    return fmt::format("Member must have {} less than or equal to {}", what, rule.max);
  if (!rule.choices.empty() && std::find(rule.choices.begin(), rule.choices.end(),
                                         value.get<std::string>()) == rule.choices.end()) {
    return fmt::format("Member must satisfy enum value set: [{}]", fmt::join(rule.choices, ", "));
  }
  return std::nullopt;
}

std::optional<std::string> rule_problem(const Json& body, const MemberRule& rule) {
  std::string where = lower_camel(rule.name);
  auto found = body.find(rule.name);
  if (found == body.end() || found->is_null()) {
    if (rule.presence == Presence::optional)
      return std::nullopt;
    return fmt::format("Value null at '{}' failed to satisfy constraint: Member must not be null",
                       where);
  }
  auto problem = bound_problem(*found, rule);
  if (!problem)
    return std::nullopt;
  std::string shown = found->is_string() ? found->get<std::string>() : found->dump();
  return fmt::format("Value '{}' at '{}' failed to satisfy constraint: {}", shown, where, *problem);
}

}  // namespace

std::expected<Json, ApiError> parse_body(const ApiRequest& request) {
  if (trim(request.http.body).empty())
    return Json::object();
  Json body = Json::parse(request.http.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return std::unexpected(
        client_error("SerializationException", "The request body is not a JSON object."));
  }
  return body;
}

std::optional<ApiError> check_members(const Json& body, const std::vector<MemberRule>& rules) {
  for (const MemberRule& rule : rules) {
    auto found = body.find(rule.name);
    if (found != body.end() && !found->is_null() && !has_type(*found, rule.type)) {
      return client_error("SerializationException",
                          fmt::format("{} must be {}", rule.name, type_name(rule.type)));
    }
  }
  std::vector<std::string> problems;
  for (const MemberRule& rule : rules) {
    if (auto problem = rule_problem(body, rule))
      problems.push_back(std::move(*problem));
  }
  if (problems.empty())
    return std::nullopt;
  return validation_exception(fmt::format("{} validation error{} detected: {}", problems.size(),
                                          problems.size() == 1 ? "" : "s", join(problems, "; ")));
}

ApiError validation_exception(std::string message) {
  return client_error("ValidationException", std::move(message));
}

}  // namespace spawn::localcloud::ssm
