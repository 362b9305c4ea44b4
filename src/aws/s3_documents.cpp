#include "aws/s3_documents.hpp"

#include <charconv>
#include <pugixml.hpp>
#include <sstream>

#include "aws/xml.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {

namespace {

constexpr const char* kS3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";
constexpr std::string_view kMetadataPrefix = "x-amz-meta-";
constexpr std::string_view kRegionWithoutConstraint = "us-east-1";

// The document <root xmlns="...S3..."> whose children `fill` adds, without declaration or
// indentation.
template <class Fill>
std::string s3_document(const char* root, Fill fill) {
  pugi::xml_document document;
  pugi::xml_node node = document.append_child(root);
  node.append_attribute("xmlns").set_value(kS3Namespace);
  fill(node);
  std::ostringstream out;
  document.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str();
}

pugi::xml_node append_text(pugi::xml_node parent, const char* name, const std::string& value) {
  pugi::xml_node child = parent.append_child(name);
  child.text().set(value.c_str());
  return child;
}

std::int64_t content_length(const HttpResponse& response) {
  std::string_view text = trim(response.header("Content-Length").value_or(""));
  std::int64_t length = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), length);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
    return static_cast<std::int64_t>(response.body.size());
  }
  return length;
}

Result<ObjectSummary> read_summary(pugi::xml_node contents, bool url_encoded) {
  ObjectSummary summary{xml::text(contents, "Key"), xml::integer(contents, "Size").value_or(0),
                        xml::text(contents, "ETag"), xml::timestamp(contents, "LastModified")};
  if (!url_encoded)
    return summary;
  auto key = percent_decode(summary.key, PlusMeans::space);
  if (!key)
    return fail(ErrorKind::parse, "s3 ListObjectsV2: a key is not URL-encoded: " + summary.key);
  summary.key = std::move(*key);
  return summary;
}

}  // namespace

std::string content_md5(std::string_view body) {
  return md5_base64(body);
}

std::string create_bucket_document(std::string_view region) {
  if (region == kRegionWithoutConstraint)
    return {};
  return s3_document("CreateBucketConfiguration", [&](pugi::xml_node root) {
    append_text(root, "LocationConstraint", std::string(region));
  });
}

std::string public_access_block_document() {
  return s3_document("PublicAccessBlockConfiguration", [](pugi::xml_node root) {
    for (const char* block :
         {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"}) {
      append_text(root, block, "true");
    }
  });
}

std::string aes256_encryption_document() {
  return s3_document("ServerSideEncryptionConfiguration", [](pugi::xml_node root) {
    pugi::xml_node by_default =
        root.append_child("Rule").append_child("ApplyServerSideEncryptionByDefault");
    append_text(by_default, "SSEAlgorithm", "AES256");
  });
}

std::string tagging_document(const std::vector<Tag>& tags) {
  return s3_document("Tagging", [&](pugi::xml_node root) {
    pugi::xml_node tag_set = root.append_child("TagSet");
    for (const Tag& tag : tags) {
      pugi::xml_node node = tag_set.append_child("Tag");
      append_text(node, "Key", tag.key);
      append_text(node, "Value", tag.value);
    }
  });
}

Result<std::vector<Tag>> read_tagging_document(const std::string& body) {
  auto document = xml::parse(body, "s3 GetBucketTagging");
  if (!document)
    return std::unexpected(std::move(document.error()));
  std::vector<Tag> tags;
  pugi::xml_node tag_set = xml::child((*document)->document_element(), "TagSet");
  for (pugi::xml_node tag : xml::children(tag_set, "Tag"))
    tags.push_back({xml::text(tag, "Key"), xml::text(tag, "Value")});
  return tags;
}

std::string tagging_header(const std::vector<Tag>& tags) {
  QueryList pairs;
  for (const Tag& tag : tags)
    pairs.emplace_back(tag.key, tag.value);
  return encode_query(pairs);
}

QueryList list_objects_query(const ListObjectsRequest& request) {
  QueryList query{{"list-type", "2"}};
  if (!request.prefix.empty())
    query.emplace_back("prefix", request.prefix);
  if (!request.page.next_token.empty()) {
    query.emplace_back("continuation-token", request.page.next_token);
  }
  if (request.page.max_results > 0) {
    query.emplace_back("max-keys", std::to_string(request.page.max_results));
  }
  query.emplace_back("encoding-type", "url");
  return query;
}

Result<Page<ObjectSummary>> parse_list_objects(std::string_view body) {
  auto document = xml::parse(body, "s3 ListObjectsV2");
  if (!document)
    return std::unexpected(std::move(document.error()));
  pugi::xml_node root = (*document)->document_element();
  bool url_encoded = xml::text(root, "EncodingType") == "url";
  Page<ObjectSummary> page;
  for (pugi::xml_node contents : xml::children(root, "Contents")) {
    auto summary = read_summary(contents, url_encoded);
    if (!summary)
      return std::unexpected(std::move(summary.error()));
    page.items.push_back(std::move(*summary));
  }
  if (xml::boolean(root, "IsTruncated").value_or(false)) {
    page.next_token = xml::text(root, "NextContinuationToken");
  }
  return page;
}

ObjectInfo read_object_info(const HttpResponse& response) {
  ObjectInfo info;
  info.size = content_length(response);
  info.etag = response.header("ETag").value_or("");
  info.content_type = response.header("Content-Type").value_or("");
  if (auto modified = response.header("Last-Modified")) {
    if (auto parsed = parse_http_date(*modified))
      info.last_modified = *parsed;
  }
  for (const auto& [name, value] : response.headers) {
    std::string lower = to_lower(name);
    if (lower.starts_with(kMetadataPrefix)) {
      info.metadata[lower.substr(kMetadataPrefix.size())] = value;
    }
  }
  return info;
}

}  // namespace spawn::aws
