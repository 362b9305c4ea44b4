#include "localcloud/services/s3/object_headers.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "localcloud/services/s3/aws_chunked.hpp"
#include "localcloud/services/s3/s3_errors.hpp"
#include "localcloud/services/s3/s3_tags.hpp"
#include "localcloud/services/s3/s3_xml.hpp"
#include "localcloud/services/s3/utf8.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {

namespace {

constexpr std::string_view kMetadataPrefix = "x-amz-meta-";
constexpr std::string_view kRangeUnit = "bytes=";
constexpr int kRangeNotSatisfiable = 416;

struct StoredHeader {
  std::string_view header;
  std::string_view member;  // the model's name, as kept in the document
};

// Headers S3 keeps with an object and answers with unchanged.
constexpr std::array kStoredHeaders = {
    StoredHeader{"Cache-Control", "CacheControl"},
    StoredHeader{"Content-Disposition", "ContentDisposition"},
    StoredHeader{"Content-Encoding", "ContentEncoding"},
    StoredHeader{"Content-Language", "ContentLanguage"},
    StoredHeader{"Expires", "Expires"},
    StoredHeader{"x-amz-website-redirect-location", "WebsiteRedirectLocation"},
};

Json metadata_of(const aws::Headers& headers) {
  Json metadata = Json::object();
  for (const auto& [name, value] : headers) {
    std::string lower = to_lower(name);
    if (lower.starts_with(kMetadataPrefix))
      metadata[lower.substr(kMetadataPrefix.size())] = trim(value);
  }
  return metadata;
}

const std::string* text_member(const Json& object, std::string_view member) {
  auto it = object.find(member);
  return it != object.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

std::optional<std::uint64_t> number(std::string_view text) {
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size())
    return std::nullopt;
  return value;
}

ApiError invalid_range() {
  return ApiError{kRangeNotSatisfiable, "InvalidRange", "The requested range is not satisfiable"};
}

bool is_kept(std::string_view name) {
  return iequals(name, "Content-Type") || to_lower(name).starts_with(kMetadataPrefix) ||
         std::any_of(kStoredHeaders.begin(), kStoredHeaders.end(),
                     [&](const StoredHeader& stored) { return iequals(name, stored.header); });
}

// Whether the headers an object keeps (which its document stores) are UTF-8 text.
bool kept_headers_are_utf8(const aws::Headers& headers) {
  return std::all_of(headers.begin(), headers.end(), [](const auto& header) {
    return !is_kept(header.first) || (is_valid_utf8(header.first) && is_valid_utf8(header.second));
  });
}

// aws-chunked describes the upload's framing, not the object: S3 does not keep it.
void drop_chunked_encoding(Json& attributes) {
  auto it = attributes.find("ContentEncoding");
  if (it == attributes.end())
    return;
  std::string encoding = without_aws_chunked(it->get<std::string>());
  if (encoding.empty())
    attributes.erase(it);
  else
    *it = encoding;
}

}  // namespace

std::expected<Json, ApiError> object_attributes(const aws::HttpRequest& request) {
  if (!kept_headers_are_utf8(request.headers)) {
    return std::unexpected(s3_errors::invalid_argument(
        "Metadata, Content-Type and the other object headers must be UTF-8 text"));
  }
  Json attributes{
      {"ContentType",
       std::string(trim(request.header("Content-Type").value_or(kDefaultObjectContentType)))},
      {"Metadata", metadata_of(request.headers)}};
  for (const StoredHeader& stored : kStoredHeaders) {
    if (auto value = request.header(stored.header))
      attributes[stored.member] = std::string(trim(*value));
  }
  drop_chunked_encoding(attributes);
  auto tags = parse_tagging_header(trim(request.header("x-amz-tagging").value_or("")));
  if (!tags)
    return std::unexpected(tags.error());
  attributes["TagSet"] = std::move(*tags);
  return attributes;
}

void copy_attributes(const Json& from, Json& to) {
  for (std::string_view member : {"ContentType", "Metadata", "TagSet"}) {
    if (auto it = from.find(member); it != from.end())
      to[member] = *it;
  }
  for (const StoredHeader& stored : kStoredHeaders) {
    if (const std::string* value = text_member(from, stored.member))
      to[stored.member] = *value;
  }
}

void add_object_headers(const Json& object, aws::Headers& headers) {
  headers.emplace_back("ETag", object.value("ETag", ""));
  headers.emplace_back("Last-Modified", http_date_of(object.value("LastModified", "")));
  headers.emplace_back("Content-Type", object.value("ContentType", ""));
  headers.emplace_back("Accept-Ranges", "bytes");
  headers.emplace_back("x-amz-server-side-encryption", "AES256");
  for (const StoredHeader& stored : kStoredHeaders) {
    if (const std::string* value = text_member(object, stored.member))
      headers.emplace_back(std::string(stored.header), *value);
  }
  const Json metadata = object.value("Metadata", Json::object());
  for (const auto& [name, value] : metadata.items())
    headers.emplace_back(std::string(kMetadataPrefix) + name, value.get<std::string>());
  if (std::size_t tags = object.value("TagSet", Json::array()).size(); tags > 0)
    headers.emplace_back("x-amz-tagging-count", std::to_string(tags));
}

std::expected<std::optional<ByteRange>, ApiError> requested_range(
    std::optional<std::string_view> header, std::uint64_t size) {
  if (!header || !trim(*header).starts_with(kRangeUnit))
    return std::nullopt;
  std::string_view spec = trim(*header).substr(kRangeUnit.size());
  std::size_t dash = spec.find('-');
  if (dash == std::string_view::npos || spec.find(',') != std::string_view::npos)
    return std::nullopt;  // not one range: S3 answers with the whole object
  std::string_view first_text = trim(spec.substr(0, dash));
  std::string_view last_text = trim(spec.substr(dash + 1));
  auto first = number(first_text);
  auto last = number(last_text);
  if ((!first && !first_text.empty()) || (!last && !last_text.empty()) || (!first && !last))
    return std::nullopt;  // unreadable: S3 ignores the header
  if (!first) {           // "bytes=-N": the last N bytes
    if (*last == 0 || size == 0)
      return std::unexpected(invalid_range());
    return ByteRange{size - std::min(*last, size), size - 1};
  }
  if (last && *last < *first)
    return std::nullopt;
  if (*first >= size)
    return std::unexpected(invalid_range());
  return ByteRange{*first, std::min(last.value_or(size - 1), size - 1)};
}

}  // namespace spawn::localcloud
