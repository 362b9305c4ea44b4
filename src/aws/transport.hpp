// Sending one HTTP request and reading its response. The real implementation is
// Boost.Beast over Asio with OpenSSL (beast_transport.cpp); tests use fakes that
// record requests and replay canned responses.
#pragma once

#include <chrono>

#include "aws/http.hpp"
#include "util/result.hpp"

namespace spawn::aws {

struct Timeouts {
  std::chrono::milliseconds connect{3100};  // the AWS CLI's default connect timeout
  std::chrono::milliseconds read{60000};    // per response, from request sent to last byte
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Sends `request` to request.url and returns the response, whatever its status.
  // Failures to connect or read come back as ErrorKind::network or ErrorKind::timeout.
  virtual Result<HttpResponse> send(const HttpRequest& request, const Timeouts& timeouts) = 0;
};

}  // namespace spawn::aws
