// GetParameter, GetParameters and GetParametersByPath. Path queries page with
// MaxResults (1..10, default 10) and a NextToken that is the name of the next
// page's first parameter; selectors (name:version, name:label) are not kept.
#include <algorithm>

#include "localcloud/services/ssm/ssm_operations.hpp"
#include "localcloud/services/ssm/ssm_parameters.hpp"

namespace spawn::localcloud::ssm {
namespace {

constexpr long long kMaxNameLength = 2048;
constexpr long long kMaxNamesPerCall = 10;
constexpr long long kDefaultPathResults = 10;

Decryption decryption_of(const Json& body) {
  return body.value("WithDecryption", false) ? Decryption::yes : Decryption::no;
}

// The requested page of `parameters` with NextToken when more remain.
Json path_page(const std::vector<Json>& parameters, const Json& body) {
  auto begin = parameters.begin();
  if (auto token = body.find("NextToken"); token != body.end() && token->is_string()) {
    begin = std::find_if(parameters.begin(), parameters.end(), [&](const Json& parameter) {
      return parameter.value("Name", "") >= token->get<std::string>();
    });
  }
  auto size = body.value("MaxResults", kDefaultPathResults);
  auto end = parameters.end() - begin > size ? begin + size : parameters.end();
  Json answer{{"Parameters", Json(std::vector<Json>(begin, end))}};
  if (end != parameters.end())
    answer["NextToken"] = end->value("Name", "");
  return answer;
}

}  // namespace

ApiOutcome get_parameter(ResourceStore& store, const ApiRequest& request) {
  auto body = parse_body(request);
  if (!body)
    return std::unexpected(body.error());
  if (auto invalid =
          check_members(*body, {{"Name", JsonType::string, Presence::required, 1, kMaxNameLength},
                                {"WithDecryption", JsonType::boolean}}))
    return std::unexpected(*invalid);
  std::string name = (*body)["Name"];
  auto parameter = find_parameter(store, request.region, name, decryption_of(*body));
  if (!parameter)
    return std::unexpected(parameter_not_found(name));
  return ssm_answer(request, Json{{"Parameter", *parameter}});
}

ApiOutcome get_parameters(ResourceStore& store, const ApiRequest& request) {
  auto body = parse_body(request);
  if (!body)
    return std::unexpected(body.error());
  if (auto invalid = check_members(
          *body, {{"Names", JsonType::string_list, Presence::required, 1, kMaxNamesPerCall},
                  {"WithDecryption", JsonType::boolean}}))
    return std::unexpected(*invalid);
  Json found = Json::array();
  Json invalid = Json::array();
  for (const Json& name : (*body)["Names"]) {
    auto parameter =
        find_parameter(store, request.region, name.get<std::string>(), decryption_of(*body));
    if (parameter)
      found.push_back(std::move(*parameter));
    else
      invalid.push_back(name);
  }
  return ssm_answer(request, Json{{"Parameters", found}, {"InvalidParameters", invalid}});
}

ApiOutcome get_parameters_by_path(ResourceStore& store, const ApiRequest& request) {
  auto body = parse_body(request);
  if (!body)
    return std::unexpected(body.error());
  if (auto invalid =
          check_members(*body, {{"Path", JsonType::string, Presence::required, 1, kMaxNameLength},
                                {"Recursive", JsonType::boolean},
                                {"WithDecryption", JsonType::boolean},
                                {"MaxResults", JsonType::integer, Presence::optional, 1, 10},
                                {"NextToken", JsonType::string}}))
    return std::unexpected(*invalid);
  std::string path = (*body)["Path"];
  if (!path.starts_with('/')) {
    return std::unexpected(validation_exception(
        "The parameter doesn't meet the parameter name requirements. The parameter name must "
        "begin with a forward slash \"/\"."));
  }
  Depth depth = body->value("Recursive", false) ? Depth::recursive : Depth::children;
  return ssm_answer(
      request,
      path_page(parameters_under(store, request.region, path, depth, decryption_of(*body)), *body));
}

}  // namespace spawn::localcloud::ssm
