#include "localcloud/services/s3/s3_xml.hpp"

#include <fmt/format.h>

#include <array>
#include <ctime>

#include "aws/xml.hpp"
#include "localcloud/api/responses.hpp"
#include "localcloud/services/s3/s3_errors.hpp"
#include "util/time_format.hpp"

namespace spawn::localcloud {

namespace {

// The canonical user id S3 shows for the test account's buckets and objects.
constexpr std::string_view kOwnerId =
    "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a";
constexpr std::string_view kOwnerDisplayName = "localcloud";

// English names regardless of the process locale, as HTTP wants them.
constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::tm utc_fields(SystemTime time) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm fields{};
  gmtime_r(&seconds, &fields);
  return fields;
}

}  // namespace

pugi::xml_node add_s3_root(pugi::xml_document& document, std::string_view name) {
  pugi::xml_node root = add_node(document, name);
  root.append_attribute("xmlns").set_value(std::string(kS3Namespace).c_str());
  return root;
}

aws::HttpResponse s3_xml_response(const pugi::xml_document& document, int status) {
  return xml_response(document, status, kS3ContentType);
}

aws::HttpResponse empty_response(int status) {
  aws::HttpResponse response;
  response.status = status;
  return response;
}

void add_owner(pugi::xml_node parent, std::string_view name) {
  pugi::xml_node owner = add_node(parent, name);
  add_text(owner, "ID", kOwnerId);
  add_text(owner, "DisplayName", kOwnerDisplayName);
}

void add_bool(pugi::xml_node parent, std::string_view name, bool value) {
  add_text(parent, name, value ? "true" : "false");
}

SystemTime whole_seconds(SystemTime time) {
  return std::chrono::floor<std::chrono::seconds>(time);
}

std::string s3_timestamp(SystemTime time) {
  std::string text = format_iso8601(whole_seconds(time));  // "...:00Z"
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(time - whole_seconds(time));
  text.insert(text.size() - 1, fmt::format(".{:03}", millis.count()));
  return text;
}

std::string http_date(SystemTime time) {
  std::tm fields = utc_fields(time);
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} GMT", kWeekdays.at(fields.tm_wday),
                     fields.tm_mday, kMonths.at(fields.tm_mon), fields.tm_year + 1900,
                     fields.tm_hour, fields.tm_min, fields.tm_sec);
}

std::string http_date_of(std::string_view iso_timestamp) {
  auto time = parse_iso8601(iso_timestamp);
  return time ? http_date(*time) : std::string();
}

std::expected<XmlDocument, ApiError> parse_s3_body(std::string_view body, std::string_view root) {
  auto document = aws::xml::parse(body, "S3 request body");
  if (!document || aws::xml::local_name((*document)->document_element()) != root)
    return std::unexpected(s3_errors::malformed_xml());
  return std::move(*document);
}

}  // namespace spawn::localcloud
