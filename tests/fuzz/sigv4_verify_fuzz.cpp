// What localcloud parses from untrusted clients: the Authorization header and
// presigned query parameters, then the canonical request built from them. The
// input's first line is the Authorization value, the second the path, the rest
// the query. Besides not crashing, canonicalisation must be idempotent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "aws/sigv4.hpp"
#include "util/encoding.hpp"

namespace {

std::string_view take_line(std::string_view& text) {
  auto end = text.find('\n');
  auto line = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  return line;
}

void check_idempotent(std::string_view path, std::string_view query) {
  using namespace spawn::aws;
  auto path_once = normalize_path(path);
  auto query_once = canonical_query(query);
  if (normalize_path(path_once) != path_once || canonical_query(query_once) != query_once) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace spawn::aws;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto authorization = take_line(text);
  auto path = take_line(text);
  check_idempotent(path, text);
  (void)spawn::base64_decode(authorization);
  HttpRequest request;
  request.url.path = std::string(path);
  request.url.query = std::string(text);
  request.headers = {{"Host", "127.0.0.1:4566"}, {"X-Amz-Date", "20150830T123600Z"}};
  if (!authorization.empty())
    request.headers.emplace_back("Authorization", authorization);
  auto claim = read_signature_claim(request);
  if (claim)
    (void)expected_signature(request, *claim, "secret", verify_options_for(claim->service));
  return 0;
}
