// Feeds arbitrary bytes to every XML path of the AWS client: as an error body for
// the ec2, query and rest-xml protocols, and as a success body read through the
// xml.hpp helpers the service clients use. Nothing may crash, and a body we
// could not understand must still yield a bounded, printable message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "aws/error_parse.hpp"
#include "aws/query_protocol.hpp"
#include "aws/xml.hpp"

namespace {

using namespace spawn::aws;

constexpr std::size_t kMaxSnippet = 200;
constexpr int kMaxWalkedElements = 64;

void check_error_parse(Protocol protocol, const std::string& body) {
  spawn::AwsError error = parse_error_response(protocol, HttpResponse{500, {}, body});
  if (error.code.empty())
    std::abort();
  error_kind_for(error);
}

// Without '<' or '{' no AWS shape can match: the answer must be described from the
// status, with a short printable snippet of the body.
void check_fallback(const std::string& body) {
  std::string shapeless;
  for (char c : body) {
    if (c != '<' && c != '{')
      shapeless += c;
  }
  spawn::AwsError error = parse_error_response(Protocol::ec2, HttpResponse{500, {}, shapeless});
  if (error.code != "HTTP500" || error.message.empty() || error.message.size() > kMaxSnippet)
    std::abort();
  for (char c : error.message) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
      std::abort();
  }
}

// Reads every child of `node` with each typed helper, as a service client would.
void walk(pugi::xml_node node, int& budget) {
  for (pugi::xml_node child : node.children()) {
    if (--budget < 0)
      return;
    std::string name(xml::local_name(child));
    xml::text(node, name);
    xml::optional_text(node, name);
    xml::integer(node, name);
    xml::boolean(node, name);
    xml::timestamp(node, name);
    xml::children(node, name);
    for (pugi::xml_node entry : xml::list(node, name))
      walk(entry, budget);
    walk(child, budget);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string body(reinterpret_cast<const char*>(data), size);
  for (Protocol protocol : {Protocol::ec2, Protocol::query, Protocol::rest_xml}) {
    check_error_parse(protocol, body);
  }
  check_fallback(body);
  auto parsed = parse_query_response(services::iam, "Fuzz", HttpResponse{200, {}, body});
  if (parsed) {
    int budget = kMaxWalkedElements;
    walk(parsed->result(), budget);
    xml::text(parsed->result(), "a/b/c");
  }
  return 0;
}
