// Reading an AWS error out of a non-2xx response, whatever the protocol's shape:
// EC2 <Response><Errors><Error>, query <ErrorResponse><Error>, JSON __type /
// x-amzn-ErrorType, REST-XML <Error>. Bodies that are not what the protocol
// promises (HTML from a proxy, truncated XML, empty) still yield a usable error.
#pragma once

#include <string_view>

#include "aws/http.hpp"
#include "aws/service.hpp"
#include "util/result.hpp"

namespace spawn::aws {

// Fills code, message, request_id and http_status; service/operation/retryable are left
// for the caller.
AwsError parse_error_response(Protocol protocol, const HttpResponse& response);

// The ErrorKind a user-facing message should use for an AWS error code.
ErrorKind error_kind_for(const AwsError& error);

}  // namespace spawn::aws
