// Building answers in the shapes AWS sends: XML documents for the EC2, query
// and S3 protocols, JSON for the JSON protocols, and each protocol's error
// shape (see AWS-WIRE.md §3).
#pragma once

#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "aws/http.hpp"
#include "localcloud/api/api.hpp"

namespace spawn::localcloud {

inline constexpr std::string_view kXmlContentType = "text/xml;charset=UTF-8";

// Appends <name>text</name> to `parent` and returns it.
pugi::xml_node add_text(pugi::xml_node parent, std::string_view name, std::string_view text);
// Appends an empty <name/> to `parent` and returns it.
pugi::xml_node add_node(pugi::xml_node parent, std::string_view name);

aws::HttpResponse xml_response(const pugi::xml_document& document, int status = 200,
                               std::string_view content_type = kXmlContentType);
aws::HttpResponse json_response(const nlohmann::json& body, std::string_view content_type);

// An IAM/STS answer: <OpResponse xmlns=ns><OpResult>…</OpResult><ResponseMetadata>
// <RequestId>…</RequestId></ResponseMetadata></OpResponse>. Fill result(), then finish().
class QueryResponse {
 public:
  QueryResponse(std::string_view operation, std::string_view xml_namespace,
                std::string_view request_id);
  pugi::xml_node result() const { return result_; }
  aws::HttpResponse finish() const { return xml_response(document_); }

 private:
  pugi::xml_document document_;
  pugi::xml_node result_;
};

// The error in `protocol`'s shape. `xml_namespace` is used by the query protocol
// (<ErrorResponse xmlns=…>); `content_type` by the JSON protocols.
struct ErrorShape {
  Protocol protocol = Protocol::ec2;
  std::string_view xml_namespace;
  std::string_view json_content_type = "application/x-amz-json-1.1";
};
aws::HttpResponse render_error(const ErrorShape& shape, const ApiError& error,
                               std::string_view request_id);

}  // namespace spawn::localcloud
