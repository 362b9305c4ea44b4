// Raw HTTP requests as the SigV4 vectors and the captured AWS CLI traffic write
// them: a request line whose target may hold raw spaces and UTF-8, headers as
// "Name:value" or "Name: value" with LF or CRLF line ends, folded continuation
// lines, a blank line and the body. Values keep their bytes (leading spaces and
// folds included) so a request serialises back exactly as it was read.
#pragma once

#include <string>
#include <string_view>

#include "aws/http.hpp"
#include "util/result.hpp"

namespace spawn::testing {

// Parses `text`; the URL's host and port come from the Host header, the scheme is `scheme`.
Result<aws::HttpRequest> parse_raw_request(std::string_view text, std::string_view scheme);
// "METHOD target HTTP/1.1\n", "Name:value\n" per header, "\n", body: the vectors' layout.
std::string serialize_request(const aws::HttpRequest& request);

}  // namespace spawn::testing
