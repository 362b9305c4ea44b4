// The JSON 1.0/1.1 protocol (SSM, DynamoDB): every call is POST / with the
// operation named in X-Amz-Target and a JSON object as the body; answers are
// JSON objects, timestamps are epoch seconds.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "aws/client.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::aws {

// The request for `operation` with `body` (null is sent as "{}").
HttpRequest build_json_request(const ServiceInfo& service, std::string_view operation,
                               const nlohmann::json& body);

// `text` parsed as the answer to `operation`: an empty body is an empty object; anything that
// is not JSON is ErrorKind::parse naming the operation.
Result<nlohmann::json> parse_json_body(const ServiceInfo& service, std::string_view operation,
                                       std::string_view text);

// Calls `operation` with `body` and returns the parsed answer.
Result<nlohmann::json> call_json(AwsClient& client, const ServiceInfo& service,
                                 std::string_view operation, const nlohmann::json& body);

// `body` serialised for the wire; invalid UTF-8 in strings is replaced, never thrown.
std::string dump_json(const nlohmann::json& body);

// `time` as JSON epoch seconds (fractional only when it has sub-second parts).
nlohmann::json epoch_seconds_json(SystemTime time);
// The timestamp at `key`: epoch seconds as a number or numeric string; nullopt otherwise.
std::optional<SystemTime> epoch_seconds_field(const nlohmann::json& object, std::string_view key);

}  // namespace spawn::aws
