// Reading small JSON documents (IMDS answers, the SSO token cache, the SSO
// portal's answer) without letting nlohmann::json's exceptions escape: a
// missing or mistyped field reads as absent.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace spawn::aws {

// `text` parsed as a JSON object; ErrorKind::parse naming `what` otherwise.
Result<nlohmann::json> parse_json_object(std::string_view text, std::string_view what);
// The string at `key`, or "" when it is absent or not a string.
std::string string_field(const nlohmann::json& object, std::string_view key);
// The number at `key`, or nullopt when it is absent or not a number.
std::optional<double> number_field(const nlohmann::json& object, std::string_view key);

}  // namespace spawn::aws
