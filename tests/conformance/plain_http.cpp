#include "plain_http.hpp"

#include "aws/beast_transport.hpp"

namespace spawn::conformance {

Result<aws::HttpResponse> plain_http(const std::string& method, const std::string& url,
                                     const std::string& body) {
  auto parsed = aws::Url::parse(url);
  if (!parsed)
    return std::unexpected(parsed.error());
  aws::HttpRequest request{.method = method, .url = *parsed, .headers = {}, .body = body};
  if (!body.empty())
    aws::set_header(request.headers, "Content-Type", "application/json");
  auto transport = aws::make_beast_transport(aws::TransportOptions{});
  return transport->send(request, aws::Timeouts{});
}

}  // namespace spawn::conformance
