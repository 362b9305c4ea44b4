// The REST protocols (rest-json: Scheduler, Lambda, the SSO portal; rest-xml:
// S3): the operation is the method and the path, parameters travel in the path,
// the query string and headers. This layer only builds the request and sends
// it; service clients read the answer (rest-json gets its JSON parsed here).
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/client.hpp"
#include "util/result.hpp"

namespace spawn::aws {

using QueryList = std::vector<std::pair<std::string, std::string>>;

struct RestRequest {
  std::string method = "GET";
  std::string path = "/";  // already encoded: build it with rest_path() or s3_object_path()
  QueryList query;         // raw names and values, encoded in this order when sent
  Headers headers;
  std::string body;
};

// "/" followed by the segments, each URI-encoded ('/' inside a segment too): {"schedules", n}.
std::string rest_path(std::initializer_list<std::string_view> segments);
// "/bucket/key" for S3 path-style addressing; the key keeps its '/' separators.
std::string s3_object_path(std::string_view bucket, std::string_view key);
// "name=value&..." in the given order, URI-encoded (space as %20).
std::string encode_query(const QueryList& query);

// The HttpRequest for `request` (host and scheme are left to AwsClient::send).
HttpRequest build_rest_request(RestRequest request);

// Sends `request` and returns the 2xx answer as is.
Result<HttpResponse> call_rest(AwsClient& client, const ServiceInfo& service,
                               std::string_view operation, RestRequest request);

// Sends `request` with `body` as application/json (none when null) and parses the answer;
// an empty answer is an empty object.
Result<nlohmann::json> call_rest_json(AwsClient& client, const ServiceInfo& service,
                                      std::string_view operation, RestRequest request,
                                      const nlohmann::json& body = nullptr);

}  // namespace spawn::aws
