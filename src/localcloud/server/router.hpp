// Which service and operation a request is for, decided the way AWS's
// endpoints do: the service from the SigV4 credential scope (one endpoint
// serves them all), the operation from X-Amz-Target (JSON protocols) or the
// Action parameter (query protocols); S3 (REST) decides its own operation.
// Requests that fail before a signature is read are attributed by their shape,
// so even an authentication error comes back in the right service's format.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "aws/http.hpp"
#include "localcloud/api/api.hpp"

namespace spawn::localcloud {

// The service a request looks like it is for, from its shape alone.
std::string guess_service(const aws::HttpRequest& request);

struct Operation {
  std::string name;   // "" for REST services
  FormParams params;  // query protocols: the form body, or the query string of a GET
};

// The operation of a request for `service`. Malformed bodies are a 400 in the service's terms.
std::expected<Operation, ApiError> read_operation(std::string_view service,
                                                  const aws::HttpRequest& request);

}  // namespace spawn::localcloud
