// Splits the input into key/value lines, form-encodes them with QueryParams and
// decodes the result back: every pair must survive the round trip, and the
// encoded body may only contain the characters botocore's encoding produces.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/query_protocol.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

bool allowed_in_body(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::string_view("-._~%+=&").find(c) != std::string_view::npos;
}

std::string decoded(std::string_view text) {
  auto value = spawn::percent_decode(text, spawn::PlusMeans::space);
  if (!value)
    std::abort();
  return *value;
}

Pairs decode_body(const std::string& body) {
  Pairs pairs;
  if (body.empty())
    return pairs;
  for (const std::string& field : spawn::split(body, '&')) {
    std::size_t equals = field.find('=');
    if (equals == std::string::npos)
      std::abort();
    pairs.emplace_back(decoded(field.substr(0, equals)), decoded(field.substr(equals + 1)));
  }
  return pairs;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> lines =
      spawn::split(std::string_view(reinterpret_cast<const char*>(data), size), '\n');
  spawn::aws::QueryParams params;
  for (std::size_t i = 0; i + 1 < lines.size(); i += 2)
    params.add(lines[i], lines[i + 1]);

  std::string body = params.encode();
  for (char c : body) {
    if (!allowed_in_body(c))
      std::abort();
  }
  if (decode_body(body) != params.items())
    std::abort();
  return 0;
}
