#include "aws/json_fields.hpp"

#include <fmt/format.h>

namespace spawn::aws {

Result<nlohmann::json> parse_json_object(std::string_view text, std::string_view what) {
  auto document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object()) {
    return fail(ErrorKind::parse, fmt::format("{} is not a JSON object", what));
  }
  return document;
}

std::string string_field(const nlohmann::json& object, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    return "";
  }
  return it->get<std::string>();
}

std::optional<double> number_field(const nlohmann::json& object, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) {
    return std::nullopt;
  }
  return it->get<double>();
}

}  // namespace spawn::aws
