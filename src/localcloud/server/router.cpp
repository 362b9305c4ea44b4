#include "localcloud/server/router.hpp"

#include "util/strings.hpp"

namespace spawn::localcloud {
namespace {

enum class Family { query, json, rest };

Family family_of(std::string_view service) {
  if (service == "ec2" || service == "iam" || service == "sts")
    return Family::query;
  if (service == "s3")
    return Family::rest;
  return Family::json;
}

std::string_view version_service(std::string_view version) {
  if (version == "2016-11-15")
    return "ec2";
  if (version == "2010-05-08")
    return "iam";
  if (version == "2011-06-15")
    return "sts";
  return "";
}

// Query requests carry their parameters in a form body, or in the query string of a GET.
std::string_view form_text(const aws::HttpRequest& request) {
  return request.body.empty() ? std::string_view(request.url.query)
                              : std::string_view(request.body);
}

}  // namespace

std::string guess_service(const aws::HttpRequest& request) {
  if (auto target = request.header("X-Amz-Target")) {
    if (target->starts_with("AmazonSSM."))
      return "ssm";
    if (target->starts_with("DynamoDB_"))
      return "dynamodb";
  }
  if (auto params = FormParams::parse(form_text(request))) {
    std::string_view service = version_service(params->get_or("Version", ""));
    if (!service.empty())
      return std::string(service);
    if (params->has("Action"))
      return "ec2";
  }
  return "s3";
}

std::expected<Operation, ApiError> read_operation(std::string_view service,
                                                  const aws::HttpRequest& request) {
  switch (family_of(service)) {
    case Family::rest: return Operation{};
    case Family::json: {
      std::string_view target = request.header("X-Amz-Target").value_or("");
      std::size_t dot = target.rfind('.');
      if (dot == std::string_view::npos || dot + 1 == target.size()) {
        return std::unexpected(client_error("UnknownOperationException",
                                            "X-Amz-Target is missing or has no operation"));
      }
      return Operation{std::string(target.substr(dot + 1)), {}};
    }
    case Family::query: {
      auto params = FormParams::parse(form_text(request));
      if (!params)
        return std::unexpected(client_error("MalformedQueryString", params.error().message));
      auto action = params->get("Action");
      if (!action || action->empty()) {
        return std::unexpected(
            client_error("MissingAction", "The request must contain the parameter Action"));
      }
      return Operation{*action, std::move(*params)};
    }
  }
  return Operation{};
}

}  // namespace spawn::localcloud
