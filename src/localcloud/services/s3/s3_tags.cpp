#include "localcloud/services/s3/s3_tags.hpp"

#include <fmt/format.h>

#include <set>
#include <string>

#include "aws/xml.hpp"
#include "localcloud/api/responses.hpp"
#include "localcloud/services/s3/s3_xml.hpp"
#include "localcloud/services/s3/utf8.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {

namespace {

constexpr std::size_t kMaxTagKeyLength = 128;
constexpr std::size_t kMaxTagValueLength = 256;

ApiError invalid_tag(std::string message) {
  return client_error("InvalidTag", std::move(message));
}

// Checks the tag set S3 would refuse: too many tags, duplicate keys, bad lengths.
std::expected<Json, ApiError> validated(Json tag_set, std::size_t max_tags) {
  if (tag_set.size() > max_tags) {
    return std::unexpected(
        client_error("BadRequest", fmt::format("Tags cannot be more than {}", max_tags)));
  }
  std::set<std::string> keys;
  for (const Json& tag : tag_set) {
    const std::string& key = tag["Key"].get_ref<const std::string&>();
    if (key.empty() || key.size() > kMaxTagKeyLength || !is_valid_utf8(key))
      return std::unexpected(invalid_tag("The TagKey you have provided is invalid"));
    const std::string& value = tag["Value"].get_ref<const std::string&>();
    if (value.size() > kMaxTagValueLength || !is_valid_utf8(value))
      return std::unexpected(invalid_tag("The TagValue you have provided is invalid"));
    if (!keys.insert(key).second)
      return std::unexpected(invalid_tag("Cannot provide multiple Tags with the same key"));
  }
  return tag_set;
}

}  // namespace

std::expected<Json, ApiError> parse_tagging_document(std::string_view body, std::size_t max_tags) {
  auto document = parse_s3_body(body, "Tagging");
  if (!document)
    return std::unexpected(document.error());
  Json tag_set = Json::array();
  pugi::xml_node set = aws::xml::child((*document)->document_element(), "TagSet");
  for (pugi::xml_node tag : aws::xml::children(set, "Tag")) {
    tag_set.push_back(
        {{"Key", aws::xml::text(tag, "Key")}, {"Value", aws::xml::text(tag, "Value")}});
  }
  return validated(std::move(tag_set), max_tags);
}

std::expected<Json, ApiError> parse_tagging_header(std::string_view header) {
  Json tag_set = Json::array();
  for (const std::string& pair : split(header, '&')) {
    if (pair.empty())
      continue;
    std::size_t equals = pair.find('=');
    auto key = percent_decode(std::string_view(pair).substr(0, equals), PlusMeans::space);
    auto value = percent_decode(equals == std::string::npos ? "" : pair.substr(equals + 1),
                                PlusMeans::space);
    if (!key || !value)
      return std::unexpected(
          invalid_tag("The header 'x-amz-tagging' shall be encoded as UTF-8 "
                      "then URLEncoded URL query parameters without tag "
                      "name duplicates."));
    tag_set.push_back({{"Key", std::move(*key)}, {"Value", std::move(*value)}});
  }
  return validated(std::move(tag_set), kMaxObjectTags);
}

aws::HttpResponse tagging_response(const Json& tag_set) {
  pugi::xml_document document;
  pugi::xml_node set = add_node(add_s3_root(document, "Tagging"), "TagSet");
  for (const Json& tag : tag_set) {
    pugi::xml_node node = add_node(set, "Tag");
    add_text(node, "Key", tag["Key"].get_ref<const std::string&>());
    add_text(node, "Value", tag["Value"].get_ref<const std::string&>());
  }
  return s3_xml_response(document);
}

}  // namespace spawn::localcloud
