#include "aws/ssm.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <span>

#include "aws/json_fields.hpp"
#include "aws/json_protocol.hpp"

namespace spawn::aws {

namespace {

// GetParameters refuses more names than this in one call.
constexpr std::size_t kMaxNamesPerCall = 10;

using nlohmann::json;

// The member `key` of `object` when it has type `type`; a null JSON value otherwise.
const json& member(const json& object, const std::string& key, json::value_t type) {
  static const json kAbsent;
  if (!object.is_object())
    return kAbsent;
  auto found = object.find(key);
  return found != object.end() && found->type() == type ? *found : kAbsent;
}

Parameter read_parameter(const json& object) {
  Parameter parameter;
  parameter.name = string_field(object, "Name");
  parameter.type = string_field(object, "Type");
  parameter.value = string_field(object, "Value");
  parameter.version = static_cast<std::int64_t>(number_field(object, "Version").value_or(0));
  parameter.arn = string_field(object, "ARN");
  parameter.data_type = string_field(object, "DataType");
  parameter.last_modified = epoch_seconds_field(object, "LastModifiedDate");
  return parameter;
}

// One GetParameters call for at most kMaxNamesPerCall names, appended to `result`.
Result<void> get_chunk(AwsClient& client, std::span<const std::string> names, Decryption decryption,
                       ParametersResult& result) {
  json body{{"Names", std::vector<std::string>(names.begin(), names.end())},
            {"WithDecryption", decryption == Decryption::yes}};
  auto answer = call_json(client, services::ssm, "GetParameters", body);
  if (!answer)
    return std::unexpected(std::move(answer.error()));
  for (const json& object : member(*answer, "Parameters", json::value_t::array)) {
    result.parameters.push_back(read_parameter(object));
  }
  for (const json& name : member(*answer, "InvalidParameters", json::value_t::array)) {
    if (name.is_string())
      result.invalid_parameters.push_back(name.get<std::string>());
  }
  return {};
}

}  // namespace

Result<Parameter> SsmClient::get_parameter(const std::string& name, Decryption decryption) {
  json body{{"Name", name}, {"WithDecryption", decryption == Decryption::yes}};
  auto answer = call_json(client_, services::ssm, "GetParameter", body);
  if (!answer)
    return std::unexpected(std::move(answer.error()));
  const json& parameter = member(*answer, "Parameter", json::value_t::object);
  if (parameter.is_null()) {
    return fail(ErrorKind::parse, "ssm GetParameter: the answer for " + name + " has no Parameter");
  }
  return read_parameter(parameter);
}

Result<ParametersResult> SsmClient::get_parameters(const std::vector<std::string>& names,
                                                   Decryption decryption) {
  ParametersResult result;
  std::span<const std::string> rest(names);
  while (!rest.empty()) {
    std::size_t count = std::min(rest.size(), kMaxNamesPerCall);
    if (auto added = get_chunk(client_, rest.first(count), decryption, result); !added) {
      return std::unexpected(std::move(added.error()));
    }
    rest = rest.subspan(count);
  }
  return result;
}

}  // namespace spawn::aws
