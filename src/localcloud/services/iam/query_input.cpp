#include "localcloud/services/iam/query_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

#include "util/strings.hpp"

namespace spawn::localcloud::iam {
namespace {

// "Tags.member.1.Key" → "tags.member.1.key": how AWS names members in its messages.
std::string lower_camel(std::string_view member) {
  std::string out(member);
  bool segment_start = true;
  for (char& c : out) {
    if (segment_start)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    segment_start = c == '.';
  }
  return out;
}

// Characters as AWS counts them: UTF-8 continuation bytes do not start one.
std::size_t character_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::optional<std::string> integer_problem(std::string_view value, const IntegerShape& shape) {
  long long number = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (ec != std::errc{} || end != value.data() + value.size())
    return "Member must be a number";
  if (number < shape.min)
    return fmt::format("Member must have value greater than or equal to {}", shape.min);
  if (number > shape.max)
    return fmt::format("Member must have value less than or equal to {}", shape.max);
  return std::nullopt;
}

std::optional<std::string> text_problem(std::string_view value, const TextShape& shape) {
  std::size_t length = character_count(value);
  if (length < shape.min_length)
    return fmt::format("Member must have length greater than or equal to {}", shape.min_length);
  if (shape.max_length != 0 && length > shape.max_length)
    return fmt::format("Member must have length less than or equal to {}", shape.max_length);
  if (shape.matches != nullptr && !value.empty() && !shape.matches(value))
    return fmt::format("Member must satisfy regular expression pattern: {}", shape.pattern);
  return std::nullopt;
}

std::optional<std::string> rule_problem(const FormParams& params, const InputRule& rule) {
  auto value = params.get(rule.member);
  std::string where = lower_camel(rule.member);
  if (!value) {
    if (rule.need == Need::optional)
      return std::nullopt;
    return fmt::format("Value null at '{}' failed to satisfy constraint: Member must not be null",
                       where);
  }
  auto problem =
      rule.integer ? integer_problem(*value, *rule.integer) : text_problem(*value, rule.text);
  if (!problem)
    return std::nullopt;
  return fmt::format("Value '{}' at '{}' failed to satisfy constraint: {}", *value, where,
                     *problem);
}

// \u0021-\u007F
bool is_visible_ascii(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte >= 0x21 && byte <= 0x7F;
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("_+=,.@-").find(c) != std::string_view::npos;
}

}  // namespace

std::optional<ApiError> check_input(const FormParams& params, const std::vector<InputRule>& rules) {
  std::vector<std::string> problems;
  for (const InputRule& rule : rules) {
    if (auto problem = rule_problem(params, rule))
      problems.push_back(std::move(*problem));
  }
  if (problems.empty())
    return std::nullopt;
  return validation_error(problems);
}

long long integer_param(const FormParams& params, std::string_view member, long long fallback) {
  auto text = params.get(member);
  long long number = fallback;
  if (text)
    std::from_chars(text->data(), text->data() + text->size(), number);
  return number;
}

ApiError validation_error(const std::vector<std::string>& problems) {
  return client_error("ValidationError",
                      fmt::format("{} validation error{} detected: {}", problems.size(),
                                  problems.size() == 1 ? "" : "s", join(problems, "; ")));
}

namespace shapes {

bool is_name(std::string_view value) {
  return std::all_of(value.begin(), value.end(), is_name_char);
}

bool is_path(std::string_view value) {
  if (value == "/")
    return true;
  return value.size() >= 3 && value.front() == '/' && value.back() == '/' &&
         std::all_of(value.begin(), value.end(), is_visible_ascii);
}

bool is_path_prefix(std::string_view value) {
  return value.front() == '/' && std::all_of(value.begin(), value.end(), is_visible_ascii);
}

bool is_tag_text(std::string_view value) {
  return std::all_of(value.begin(), value.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view(" _.:/=+-@").find(c) != std::string_view::npos;
  });
}

}  // namespace shapes

std::vector<InputRule> tag_rules(const FormParams& params) {
  constexpr std::string_view kPrefix = "Tags.member.";
  std::set<int> indexes;
  for (const auto& [name, value] : params.values()) {
    if (!name.starts_with(kPrefix))
      continue;
    int index = 0;
    std::string_view rest = std::string_view(name).substr(kPrefix.size());
    std::from_chars(rest.data(), rest.data() + rest.size(), index);
    if (index > 0)
      indexes.insert(index);
  }
  std::vector<InputRule> rules;
  for (int index : indexes) {
    std::string member = std::string(kPrefix) + std::to_string(index);
    rules.push_back({member + ".Key", Need::required, shapes::kTagKey});
    rules.push_back({member + ".Value", Need::required, shapes::kTagValue});
  }
  return rules;
}

}  // namespace spawn::localcloud::iam
