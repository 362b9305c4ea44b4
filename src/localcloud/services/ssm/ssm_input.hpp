// Reading SSM's JSON 1.1 request bodies as AWS's front end does: a body that
// is not a JSON object, or a member of the wrong JSON type, is a
// SerializationException; a missing required member or a value outside the
// model's bounds is one ValidationException listing every problem
// ("1 validation error detected: Value null at 'name' failed to satisfy
// constraint: Member must not be null").
#pragma once

#include <cstddef>
#include <expected>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "localcloud/api/api.hpp"

namespace spawn::localcloud::ssm {

using Json = nlohmann::json;

// The request body as a JSON object (an empty body is an empty object).
std::expected<Json, ApiError> parse_body(const ApiRequest& request);

enum class JsonType { string, boolean, integer, string_list };
enum class Presence { required, optional };

// One member of an input shape. `min`/`max` bound a string's length, a list's size or an
// integer's value (max 0: unbounded); `choices` lists the allowed strings (empty: any).
struct MemberRule {
  std::string_view name;  // "Name", "WithDecryption"
  JsonType type;
  Presence presence = Presence::optional;
  long long min = 0;
  long long max = 0;
  std::vector<std::string_view> choices = {};
};

// The error for the first wrong type, else for every broken bound; nullopt when `body` fits.
std::optional<ApiError> check_members(const Json& body, const std::vector<MemberRule>& rules);

// ValidationException (400) with `message`.
ApiError validation_exception(std::string message);

}  // namespace spawn::localcloud::ssm
