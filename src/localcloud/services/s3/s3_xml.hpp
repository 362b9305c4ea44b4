// The shapes S3 answers in: XML documents in S3's namespace, timestamps with
// milliseconds in XML and as HTTP dates in headers, and the bodies of the
// configuration requests it reads.
#pragma once

#include <expected>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "aws/http.hpp"
#include "localcloud/api/api.hpp"
#include "util/clock.hpp"

namespace spawn::localcloud {

inline constexpr std::string_view kS3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";
inline constexpr std::string_view kS3ContentType = "application/xml";

// Appends the root <name xmlns="…S3…"> to `document` and returns it.
pugi::xml_node add_s3_root(pugi::xml_document& document, std::string_view name);
// `document` as an S3 answer (Content-Type application/xml).
aws::HttpResponse s3_xml_response(const pugi::xml_document& document, int status = 200);
// A body-less answer with `status` (204 for deletes, 200 for PUTs that return nothing).
aws::HttpResponse empty_response(int status);

// Appends <Owner><ID/><DisplayName/></Owner>: the canonical user of the test account.
void add_owner(pugi::xml_node parent, std::string_view name = "Owner");
// Appends <name>true|false</name>.
void add_bool(pugi::xml_node parent, std::string_view name, bool value);

// `time` cut to whole seconds, as S3 keeps LastModified.
SystemTime whole_seconds(SystemTime time);
// "2015-08-30T12:36:00.000Z", as S3 writes timestamps in XML.
std::string s3_timestamp(SystemTime time);
// "Sun, 30 Aug 2015 12:36:00 GMT", as in Last-Modified.
std::string http_date(SystemTime time);
// The HTTP date for a stored s3_timestamp() text ("" when it cannot be read).
std::string http_date_of(std::string_view iso_timestamp);

using XmlDocument = std::unique_ptr<pugi::xml_document>;
// Parses a request body whose root element must be `root` (local name); anything
// else is MalformedXML, as S3 answers.
std::expected<XmlDocument, ApiError> parse_s3_body(std::string_view body, std::string_view root);

}  // namespace spawn::localcloud
