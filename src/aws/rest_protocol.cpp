#include "aws/rest_protocol.hpp"

#include "aws/json_protocol.hpp"
#include "util/encoding.hpp"

namespace spawn::aws {

std::string rest_path(std::initializer_list<std::string_view> segments) {
  std::string path;
  for (std::string_view segment : segments) {
    path += '/';
    path += uri_encode(segment, Slash::encode);
  }
  return path.empty() ? "/" : path;
}

std::string s3_object_path(std::string_view bucket, std::string_view key) {
  return rest_path({bucket}) + '/' + uri_encode(key, Slash::keep);
}

std::string encode_query(const QueryList& query) {
  std::string encoded;
  for (const auto& [name, value] : query) {
    if (!encoded.empty())
      encoded += '&';
    encoded += uri_encode(name, Slash::encode);
    encoded += '=';
    encoded += uri_encode(value, Slash::encode);
  }
  return encoded;
}

HttpRequest build_rest_request(RestRequest request) {
  HttpRequest http;
  http.method = std::move(request.method);
  http.url.path = std::move(request.path);
  http.url.query = encode_query(request.query);
  http.headers = std::move(request.headers);
  http.body = std::move(request.body);
  return http;
}

Result<HttpResponse> call_rest(AwsClient& client, const ServiceInfo& service,
                               std::string_view operation, RestRequest request) {
  return client.send(service, operation, build_rest_request(std::move(request)));
}

Result<nlohmann::json> call_rest_json(AwsClient& client, const ServiceInfo& service,
                                      std::string_view operation, RestRequest request,
                                      const nlohmann::json& body) {
  if (!body.is_null()) {
    request.body = dump_json(body);
    set_header(request.headers, "Content-Type", "application/json");
  }
  auto response = call_rest(client, service, operation, std::move(request));
  if (!response)
    return std::unexpected(response.error());
  return parse_json_body(service, operation, response->body);
}

}  // namespace spawn::aws
