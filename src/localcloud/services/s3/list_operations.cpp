// A continuation token is the base64 of the last key or common prefix of the
// page before; it is opaque to clients, as S3's are, and resumes exactly where
// that page stopped.
#include "localcloud/services/s3/list_operations.hpp"

#include <charconv>

#include "localcloud/api/responses.hpp"
#include "localcloud/services/s3/object_listing.hpp"
#include "localcloud/services/s3/s3_errors.hpp"
#include "localcloud/services/s3/s3_records.hpp"
#include "localcloud/services/s3/s3_xml.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud {

namespace {

struct ListRequest {
  ListingQuery query;
  bool url_encoded = false;
};

struct ListedPage {
  ListingPage page;
  std::vector<Json> contents;
};

std::expected<std::size_t, ApiError> max_keys(const S3Route& route) {
  if (!route.has_param("max-keys"))
    return kMaxListKeys;
  std::string_view text = route.param("max-keys");
  std::size_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
    return std::unexpected(
        s3_errors::invalid_argument("Provided max-keys not an integer or within integer range"));
  }
  return std::min(value, kMaxListKeys);
}

// What every listing reads from the query; `start_after` is decided by the caller.
std::expected<ListRequest, ApiError> read_list_request(const S3Route& route) {
  std::string_view encoding = route.param("encoding-type");
  if (!encoding.empty() && encoding != "url")
    return std::unexpected(
        s3_errors::invalid_argument("Invalid Encoding Method specified in Request"));
  auto limit = max_keys(route);
  if (!limit)
    return std::unexpected(limit.error());
  return ListRequest{
      {std::string(route.param("prefix")), std::string(route.param("delimiter")), "", *limit},
      encoding == "url"};
}

// The page of `bucket` that `query` asks for, with the documents of its objects.
std::expected<ListedPage, ApiError> list_page(const S3Context& context, std::string_view bucket,
                                              ListingQuery query) {
  if (auto exists = bucket_record(context.store, bucket); !exists)
    return std::unexpected(exists.error());
  ListedPage listed{ListingPage(std::move(query)), {}};
  visit_objects(context.store, bucket, listed.page.first_key(),
                [&](std::string_view key, const Json& object) {
                  Offer offer = listed.page.offer(key);
                  if (offer == Offer::content)
                    listed.contents.push_back(object);
                  return offer != Offer::stop;
                });
  return listed;
}

// Writes keys and prefixes as the request asked: URL-encoded or as they are.
struct KeyWriter {
  bool url_encoded;
  void add(pugi::xml_node parent, std::string_view name, std::string_view text) const {
    add_text(parent, name, url_encoded ? form_encode(text) : std::string(text));
  }
};

pugi::xml_node add_list_root(pugi::xml_document& document, std::string_view bucket,
                             const ListRequest& request, const KeyWriter& keys) {
  pugi::xml_node root = add_s3_root(document, "ListBucketResult");
  add_text(root, "Name", bucket);
  keys.add(root, "Prefix", request.query.prefix);
  return root;
}

// MaxKeys, Delimiter, IsTruncated, Contents, CommonPrefixes and EncodingType.
void add_page(pugi::xml_node root, const ListedPage& listed, const ListRequest& request,
              const KeyWriter& keys, bool with_owner) {
  add_text(root, "MaxKeys", std::to_string(request.query.max_keys));
  if (!request.query.delimiter.empty())
    keys.add(root, "Delimiter", request.query.delimiter);
  add_bool(root, "IsTruncated", listed.page.truncated());
  for (const Json& object : listed.contents) {
    pugi::xml_node contents = add_node(root, "Contents");
    keys.add(contents, "Key", object.value("Key", ""));
    add_text(contents, "LastModified", object.value("LastModified", ""));
    add_text(contents, "ETag", object.value("ETag", ""));
    add_text(contents, "Size", std::to_string(object.value("Size", std::uint64_t{0})));
    if (with_owner)
      add_owner(contents);
    add_text(contents, "StorageClass", "STANDARD");
  }
  for (const std::string& prefix : listed.page.common_prefixes())
    keys.add(add_node(root, "CommonPrefixes"), "Prefix", prefix);
  if (request.url_encoded)
    add_text(root, "EncodingType", "url");
}

std::expected<std::string, ApiError> token_position(std::string_view token) {
  auto position = base64_decode(token);
  if (!position) {
    return std::unexpected(
        s3_errors::invalid_argument("The continuation token provided is incorrect"));
  }
  return std::move(*position);
}

}  // namespace

ApiOutcome list_objects_v2(const S3Call& call) {
  const S3Route& route = call.route;
  auto request = read_list_request(route);
  if (!request)
    return std::unexpected(request.error());
  request->query.start_after = route.param("start-after");
  if (route.has_param("continuation-token")) {
    auto position = token_position(route.param("continuation-token"));
    if (!position)
      return std::unexpected(position.error());
    request->query.start_after = std::move(*position);
  }
  auto listed = list_page(call.context, route.bucket, request->query);
  if (!listed)
    return std::unexpected(listed.error());
  KeyWriter keys{request->url_encoded};
  pugi::xml_document document;
  pugi::xml_node root = add_list_root(document, route.bucket, *request, keys);
  if (route.has_param("continuation-token"))
    add_text(root, "ContinuationToken", route.param("continuation-token"));
  if (listed->page.truncated())
    add_text(root, "NextContinuationToken", base64_encode(listed->page.last_entry()));
  add_text(root, "KeyCount", std::to_string(listed->page.entry_count()));
  if (route.has_param("start-after"))
    keys.add(root, "StartAfter", route.param("start-after"));
  add_page(root, *listed, *request, keys, route.param("fetch-owner") == "true");
  return s3_xml_response(document);
}

ApiOutcome list_objects(const S3Call& call) {
  const S3Route& route = call.route;
  auto request = read_list_request(route);
  if (!request)
    return std::unexpected(request.error());
  request->query.start_after = route.param("marker");
  auto listed = list_page(call.context, route.bucket, request->query);
  if (!listed)
    return std::unexpected(listed.error());
  KeyWriter keys{request->url_encoded};
  pugi::xml_document document;
  pugi::xml_node root = add_list_root(document, route.bucket, *request, keys);
  keys.add(root, "Marker", route.param("marker"));
  if (listed->page.truncated())
    keys.add(root, "NextMarker", listed->page.last_entry());
  add_page(root, *listed, *request, keys, true);
  return s3_xml_response(document);
}

}  // namespace spawn::localcloud
