// The vocabulary every localcloud service speaks: a received, authenticated AWS
// request (already routed to a service and operation) and what an operation
// answers, a response or an AWS error that the front end renders in the
// service's own error shape.
#pragma once

#include <expected>
#include <string>

#include "aws/http.hpp"
#include "localcloud/api/form_params.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::localcloud {

// The wire protocol of a service, which decides how errors look.
enum class Protocol { ec2, query, json, rest_xml };

// An AWS error code with its HTTP status, as the service would send it.
struct ApiError {
  int status = 400;
  std::string code;     // "InvalidInstanceID.NotFound"
  std::string message;  // AWS-style prose

  // A failure to keep state (the disk is full, ...) is an internal error to the caller.
  static ApiError from_storage(const Error& error);
};

// 400 with `code` (the client's fault).
ApiError client_error(std::string code, std::string message);
// 500-class with `code` (the server's fault, which clients retry).
ApiError server_error(std::string code, std::string message, int status = 500);

struct ApiRequest {
  aws::HttpRequest http;
  std::string service;    // signing name from the credential scope: "ec2", "s3"
  std::string region;     // from the credential scope
  std::string operation;  // Action=, X-Amz-Target's operation, or "" for REST (S3 decides)
  std::string access_key_id;
  std::string account_id;  // the caller's account
  std::string request_id;  // a fresh UUID per request
  SystemTime time;         // when the request arrived
  FormParams params;       // form body (or query string) for the query protocols
};

using ApiOutcome = std::expected<aws::HttpResponse, ApiError>;

// The fixed account every localcloud caller belongs to.
inline constexpr std::string_view kAccountId = "123456789012";

}  // namespace spawn::localcloud
