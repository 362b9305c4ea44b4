// Feeds arbitrary bytes to the JSON paths of the AWS client: the first line is
// used as the x-amzn-ErrorType header, the rest as the body of an error answer
// (json and rest-json) and of a success answer. Nothing may throw or crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "aws/error_parse.hpp"
#include "aws/json_protocol.hpp"

namespace {

using namespace spawn::aws;

// A JSON error code never keeps its namespace ("ns#") or URI (":http...") part; XML
// bodies are read as they are, so only bodies without '<' are held to that.
void check_error_parse(Protocol protocol, const HttpResponse& response) {
  spawn::AwsError error = parse_error_response(protocol, response);
  if (error.code.empty())
    std::abort();
  bool json_only = response.body.find('<') == std::string::npos;
  if (json_only && error.code.find_first_of("#:") != std::string::npos)
    std::abort();
  error_kind_for(error);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  std::size_t newline = input.find('\n');
  std::string header = newline == std::string::npos ? "" : input.substr(0, newline);
  std::string body = newline == std::string::npos ? input : input.substr(newline + 1);

  for (Protocol protocol : {Protocol::json, Protocol::rest_json}) {
    check_error_parse(protocol, HttpResponse{400, {}, body});
    check_error_parse(protocol, HttpResponse{400, {{"x-amzn-ErrorType", header}}, body});
  }
  auto parsed = parse_json_body(services::ssm, "Fuzz", body);
  if (parsed && parsed->is_object()) {
    for (const auto& [key, value] : parsed->items()) {
      epoch_seconds_field(*parsed, key);
      dump_json(value);
    }
  }
  return 0;
}
