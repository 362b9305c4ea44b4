// PutParameter and DeleteParameter for the caller's own parameters. Names in
// AWS's reserved namespaces (aws…, ssm…, with or without a leading slash) are
// refused, so user parameters never shadow the public ones.
#include <chrono>

#include "localcloud/services/ssm/ssm_operations.hpp"
#include "localcloud/services/ssm/ssm_parameters.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud::ssm {
namespace {

using Change = std::expected<long long, ApiError>;

constexpr long long kMaxNameLength = 2048;

bool is_reserved(std::string_view name) {
  std::string lower = to_lower(name.starts_with('/') ? name.substr(1) : name);
  return lower.starts_with("aws") || lower.starts_with("ssm");
}

std::vector<MemberRule> put_rules() {
  return {{"Name", JsonType::string, Presence::required, 1, kMaxNameLength},
          {"Value", JsonType::string, Presence::required},
          {"Type",
           JsonType::string,
           Presence::optional,
           0,
           0,
           {"SecureString", "StringList", "String"}},
          {"Description", JsonType::string, Presence::optional, 0, 1024},
          {"Overwrite", JsonType::boolean},
          {"DataType", JsonType::string, Presence::optional, 0, 0, {"text", "aws:ec2:image"}}};
}

// The stored document after putting `body` over `existing` (nullptr: a new parameter).
std::expected<Json, ApiError> put_over(const Json* existing, const Json& body, SystemTime now) {
  if (existing != nullptr && !body.value("Overwrite", false)) {
    return std::unexpected(client_error("ParameterAlreadyExists",
                                        "The parameter already exists. To overwrite this value, "
                                        "set the overwrite option in the request to true."));
  }
  if (existing == nullptr && !body.contains("Type"))
    return std::unexpected(
        validation_exception("A parameter type is required when you create a parameter."));
  Json document = existing != nullptr ? *existing : Json{{"Version", 0}};
  for (const char* member : {"Name", "Value", "Type", "Description", "DataType"}) {
    if (body.contains(member))
      document[member] = body[member];
  }
  document["Version"] = document.value("Version", 0LL) + 1;
  document["LastModifiedDate"] =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return document;
}

}  // namespace

ApiOutcome put_parameter(ResourceStore& store, const ApiRequest& request) {
  auto body = parse_body(request);
  if (!body)
    return std::unexpected(body.error());
  if (auto invalid = check_members(*body, put_rules()))
    return std::unexpected(*invalid);
  std::string name = (*body)["Name"];
  if (is_reserved(name)) {
    return std::unexpected(validation_exception(
        "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive)."));
  }
  auto version = store.write([&](Transaction& transaction) -> Change {
    auto document =
        put_over(transaction.find(request.region, kParameterKind, name), *body, request.time);
    if (!document)
      return std::unexpected(document.error());
    long long stored_version = (*document)["Version"];
    transaction.put(request.region, kParameterKind, name, std::move(*document));
    return stored_version;
  });
  if (!version)
    return std::unexpected(version.error());
  return ssm_answer(request, Json{{"Version", *version}, {"Tier", "Standard"}});
}

ApiOutcome delete_parameter(ResourceStore& store, const ApiRequest& request) {
  auto body = parse_body(request);
  if (!body)
    return std::unexpected(body.error());
  if (auto invalid =
          check_members(*body, {{"Name", JsonType::string, Presence::required, 1, kMaxNameLength}}))
    return std::unexpected(*invalid);
  std::string name = (*body)["Name"];
  auto deleted = store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
    if (transaction.find(request.region, kParameterKind, name) == nullptr)
      return std::unexpected(parameter_not_found(name));
    transaction.erase(request.region, kParameterKind, name);
    return {};
  });
  if (!deleted)
    return std::unexpected(deleted.error());
  return ssm_answer(request, Json::object());
}

}  // namespace spawn::localcloud::ssm
