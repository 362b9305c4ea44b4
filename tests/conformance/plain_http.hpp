// Unsigned HTTP requests, as a browser or curl would send them: fetching a
// presigned URL and talking to localcloud's admin API. Uses spawn's own
// transport, so the suite needs no curl.
#pragma once

#include <string>

#include "aws/http.hpp"
#include "util/result.hpp"

namespace spawn::conformance {

// Sends `method url` with `body` (JSON when not empty) and returns the response, any status.
Result<aws::HttpResponse> plain_http(const std::string& method, const std::string& url,
                                     const std::string& body = "");

}  // namespace spawn::conformance
