// The EC2 and AWS query protocols: form-encoded POST bodies (Action, Version,
// flattened parameters) and XML answers. EC2 flattens lists as Name.N and
// answers <item> lists; IAM and STS flatten as Name.member.N and answer <member>
// lists inside <OperationResult>.
#pragma once

#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/client.hpp"
#include "util/result.hpp"

namespace spawn::aws {

// Parameters of one query call, kept in the order added. Keys are the flattened
// wire names ("Filter.1.Value.2", "Tags.member.1.Key"); service clients build them.
class QueryParams {
 public:
  QueryParams& add(std::string key, std::string value);
  // Adds `value` only when it is not empty.
  QueryParams& add_if(std::string key, const std::string& value);
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
  // application/x-www-form-urlencoded: space as '+', unreserved kept, everything else %XX.
  std::string encode() const;

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

struct XmlResponse {
  std::unique_ptr<pugi::xml_document> document;
  std::string request_id;
  // The response element (e.g. <DescribeInstancesResponse>); for IAM/STS, its
  // <OperationResult> child.
  pugi::xml_node result() const;
};

// The request for `action`: POST / with the form body "Action=..&Version=..&<params>".
HttpRequest build_query_request(const ServiceInfo& service, std::string_view action,
                                const QueryParams& params);

// Parses a 2xx answer to `action`; bad XML is ErrorKind::parse naming the operation.
Result<XmlResponse> parse_query_response(const ServiceInfo& service, std::string_view action,
                                         const HttpResponse& response);

// Calls `action` with `params` (Action and Version are added) and parses the XML answer.
Result<XmlResponse> call_query(AwsClient& client, const ServiceInfo& service,
                               std::string_view action, const QueryParams& params);

}  // namespace spawn::aws
