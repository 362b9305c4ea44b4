#include "aws/json_protocol.hpp"

#include <fmt/format.h>

#include <chrono>

#include "util/strings.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {

HttpRequest build_json_request(const ServiceInfo& service, std::string_view operation,
                               const nlohmann::json& body) {
  HttpRequest request;
  request.method = "POST";
  request.url.path = "/";
  request.headers.emplace_back("Content-Type",
                               fmt::format("application/x-amz-json-{}", service.json_version));
  request.headers.emplace_back("X-Amz-Target",
                               fmt::format("{}.{}", service.target_prefix, operation));
  request.body = body.is_null() ? "{}" : dump_json(body);
  return request;
}

Result<nlohmann::json> parse_json_body(const ServiceInfo& service, std::string_view operation,
                                       std::string_view text) {
  if (trim(text).empty())
    return nlohmann::json::object();
  auto document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    return fail(ErrorKind::parse,
                fmt::format("{} {}: the answer is not valid JSON", service.name, operation));
  }
  return document;
}

Result<nlohmann::json> call_json(AwsClient& client, const ServiceInfo& service,
                                 std::string_view operation, const nlohmann::json& body) {
  auto response = client.send(service, operation, build_json_request(service, operation, body));
  if (!response)
    return std::unexpected(response.error());
  return parse_json_body(service, operation, response->body);
}

std::string dump_json(const nlohmann::json& body) {
  return body.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json epoch_seconds_json(SystemTime time) {
  auto since_epoch = time.time_since_epoch();
  auto whole = std::chrono::floor<std::chrono::seconds>(since_epoch);
  if (whole == since_epoch)
    return whole.count();
  return std::chrono::duration<double>(since_epoch).count();
}

std::optional<SystemTime> epoch_seconds_field(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object())
    return std::nullopt;
  auto found = object.find(key);
  if (found == object.end())
    return std::nullopt;
  std::string text;
  if (found->is_number()) {
    text = found->dump();
  } else if (found->is_string()) {
    text = found->get<std::string>();
  } else {
    return std::nullopt;
  }
  auto parsed = parse_epoch_seconds(text);
  if (!parsed)
    return std::nullopt;
  return *parsed;
}

}  // namespace spawn::aws
