#include "aws/query_protocol.hpp"

#include <fmt/format.h>

#include "aws/xml.hpp"
#include "util/encoding.hpp"

namespace spawn::aws {

namespace {

constexpr std::string_view kFormContentType = "application/x-www-form-urlencoded; charset=utf-8";

std::string find_request_id(pugi::xml_node root, const HttpResponse& response) {
  std::string id = xml::text(root, "requestId");
  if (id.empty())
    id = xml::text(root, "ResponseMetadata/RequestId");
  if (id.empty())
    id = std::string(response.header("x-amzn-RequestId").value_or(""));
  return id;
}

}  // namespace

QueryParams& QueryParams::add(std::string key, std::string value) {
  items_.emplace_back(std::move(key), std::move(value));
  return *this;
}

QueryParams& QueryParams::add_if(std::string key, const std::string& value) {
  if (!value.empty())
    add(std::move(key), value);
  return *this;
}

std::string QueryParams::encode() const {
  std::string out;
  for (const auto& [key, value] : items_) {
    if (!out.empty())
      out += '&';
    out += form_encode(key);
    out += '=';
    out += form_encode(value);
  }
  return out;
}

pugi::xml_node XmlResponse::result() const {
  pugi::xml_node root = document->document_element();
  std::string_view root_name = xml::local_name(root);
  constexpr std::string_view kResponse = "Response";
  if (!root_name.ends_with(kResponse))
    return root;
  std::string result_name(root_name.substr(0, root_name.size() - kResponse.size()));
  result_name += "Result";
  pugi::xml_node result = xml::child(root, result_name);
  return result ? result : root;
}

HttpRequest build_query_request(const ServiceInfo& service, std::string_view action,
                                const QueryParams& params) {
  QueryParams head;
  head.add("Action", std::string(action)).add("Version", std::string(service.api_version));
  std::string body = head.encode();
  if (!params.items().empty())
    body += '&' + params.encode();

  HttpRequest request;
  request.method = "POST";
  request.url.path = "/";
  request.headers.emplace_back("Content-Type", std::string(kFormContentType));
  request.body = std::move(body);
  return request;
}

Result<XmlResponse> parse_query_response(const ServiceInfo& service, std::string_view action,
                                         const HttpResponse& response) {
  auto document = xml::parse(response.body, fmt::format("{} {}", service.name, action));
  if (!document)
    return std::unexpected(document.error());
  std::string request_id = find_request_id((*document)->document_element(), response);
  return XmlResponse{std::move(*document), std::move(request_id)};
}

Result<XmlResponse> call_query(AwsClient& client, const ServiceInfo& service,
                               std::string_view action, const QueryParams& params) {
  auto response = client.send(service, action, build_query_request(service, action, params));
  if (!response)
    return std::unexpected(response.error());
  return parse_query_response(service, action, *response);
}

}  // namespace spawn::aws
