#include "localcloud/services/s3/object_operations.hpp"

#include <fmt/format.h>

#include <array>

#include "localcloud/api/responses.hpp"
#include "localcloud/services/s3/object_headers.hpp"
#include "localcloud/services/s3/object_store.hpp"
#include "localcloud/services/s3/s3_checksums.hpp"
#include "localcloud/services/s3/s3_errors.hpp"
#include "localcloud/services/s3/s3_payload.hpp"
#include "localcloud/services/s3/s3_records.hpp"
#include "localcloud/services/s3/s3_xml.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {

namespace {

constexpr int kPartialContent = 206;
constexpr int kNoContent = 204;
constexpr std::string_view kReplace = "REPLACE";
constexpr std::string_view kCrc32Header = "x-amz-checksum-crc32";

struct ResponseOverride {
  std::string_view parameter;
  std::string_view header;
};

// Query parameters of a GetObject (often in presigned URLs) that replace answer headers.
constexpr std::array kResponseOverrides = {
    ResponseOverride{"response-content-type", "Content-Type"},
    ResponseOverride{"response-content-disposition", "Content-Disposition"},
    ResponseOverride{"response-content-encoding", "Content-Encoding"},
    ResponseOverride{"response-content-language", "Content-Language"},
    ResponseOverride{"response-cache-control", "Cache-Control"},
    ResponseOverride{"response-expires", "Expires"},
};

bool is_replace(const aws::HttpRequest& request, std::string_view directive) {
  return iequals(trim(request.header(directive).value_or("")), kReplace);
}

// The headers of an object answer; the stored CRC32 only for a whole object when the
// client asked for checksums (x-amz-checksum-mode: ENABLED), as S3 does.
aws::HttpResponse object_response(const S3Call& call, const Json& object, bool whole_object,
                                  std::uint64_t content_length) {
  aws::HttpResponse response = empty_response(200);
  add_object_headers(object, response.headers);
  response.headers.emplace_back("Content-Length", std::to_string(content_length));
  bool checksums_wanted =
      iequals(call.request.http.header("x-amz-checksum-mode").value_or(""), "ENABLED");
  if (whole_object && checksums_wanted && object.contains("ChecksumCRC32"))
    response.headers.emplace_back(std::string(kCrc32Header), object["ChecksumCRC32"]);
  return response;
}

void apply_response_overrides(const S3Route& route, aws::HttpResponse& response) {
  for (const ResponseOverride& override : kResponseOverrides) {
    if (route.has_param(override.parameter))
      aws::set_header(response.headers, override.header,
                      std::string(route.param(override.parameter)));
  }
}

// The attributes of a copy: the source's, or the request's under the REPLACE directives.
std::expected<Json, ApiError> copy_attributes_for(const S3Call& call, const Json& source) {
  const aws::HttpRequest& http = call.request.http;
  Json attributes = Json::object();
  if (is_replace(http, "x-amz-metadata-directive")) {
    auto replaced = object_attributes(http);
    if (!replaced)
      return std::unexpected(replaced.error());
    attributes = std::move(*replaced);
  } else {
    copy_attributes(source, attributes);
  }
  if (!is_replace(http, "x-amz-tagging-directive"))
    attributes["TagSet"] = source.value("TagSet", Json::array());
  return attributes;
}

aws::HttpResponse copy_result(const Json& object) {
  pugi::xml_document document;
  pugi::xml_node root = add_s3_root(document, "CopyObjectResult");
  add_text(root, "LastModified", object.value("LastModified", ""));
  add_text(root, "ETag", object.value("ETag", ""));
  return s3_xml_response(document);
}

}  // namespace

ApiOutcome put_object(const S3Call& call) {
  auto body = receive_body(call.request.http);
  if (!body)
    return std::unexpected(body.error());
  auto object = object_attributes(call.request.http);
  if (!object)
    return std::unexpected(object.error());
  auto blob = call.context.blobs.write(body->bytes);
  if (!blob)
    return std::unexpected(ApiError::from_storage(blob.error()));
  object->update(Json{{"Key", call.route.key},
                      {"Size", body->bytes.size()},
                      {"ETag", quoted_etag(body->md5_hex)},
                      {"LastModified", s3_timestamp(call.request.time)},
                      {"Blob", *blob}});
  if (!body->checksum_crc32.empty())
    (*object)["ChecksumCRC32"] = body->checksum_crc32;
  std::string etag = (*object)["ETag"];
  if (auto stored =
          store_object(call.context, call.route.bucket, call.route.key, std::move(*object));
      !stored)
    return std::unexpected(stored.error());
  aws::HttpResponse response = empty_response(200);
  response.headers.emplace_back("ETag", etag);
  response.headers.emplace_back("x-amz-server-side-encryption", "AES256");
  if (!body->checksum_crc32.empty())
    response.headers.emplace_back(std::string(kCrc32Header), body->checksum_crc32);
  return response;
}

ApiOutcome get_object(const S3Call& call) {
  auto read = read_object(call.context, call.route.bucket, call.route.key,
                          call.request.http.header("Range"));
  if (!read)
    return std::unexpected(read.error());
  aws::HttpResponse response =
      object_response(call, read->object, !read->range, read->bytes.size());
  if (read->range) {
    response.status = kPartialContent;
    response.headers.emplace_back(
        "Content-Range", fmt::format("bytes {}-{}/{}", read->range->first, read->range->last,
                                     read->object.value("Size", std::uint64_t{0})));
  }
  apply_response_overrides(call.route, response);
  response.body = std::move(read->bytes);
  return response;
}

ApiOutcome head_object(const S3Call& call) {
  auto object = object_record(call.context.store, call.route.bucket, call.route.key);
  if (!object)
    return std::unexpected(object.error());
  return object_response(call, *object, true, object->value("Size", std::uint64_t{0}));
}

ApiOutcome delete_object(const S3Call& call) {
  auto deleted = commit_with_blobs(
      call.context, {}, [&](Transaction& transaction) -> std::expected<RetiredBlobs, ApiError> {
        if (auto bucket = find_bucket(transaction, call.route.bucket); !bucket)
          return std::unexpected(bucket.error());
        std::string id = object_id(call.route.bucket, call.route.key);
        const Json* object = transaction.find(kS3Region, kObjectKind, id);
        if (object == nullptr)
          return RetiredBlobs{};
        RetiredBlobs retired{object->value("Blob", "")};
        transaction.erase(kS3Region, kObjectKind, id);
        return retired;
      });
  if (!deleted)
    return std::unexpected(deleted.error());
  return empty_response(kNoContent);
}

ApiOutcome copy_object(const S3Call& call) {
  auto source = copy_source(call.request.http);
  if (!source)
    return std::unexpected(source.error());
  bool same_object = source->bucket == call.route.bucket && source->key == call.route.key;
  if (same_object && !is_replace(call.request.http, "x-amz-metadata-directive")) {
    return std::unexpected(s3_errors::invalid_request(
        "This copy request is illegal because it is trying to copy an object to itself without "
        "changing the object's metadata, storage class, website redirect location or encryption "
        "attributes."));
  }
  auto copied = copy_object_blob(call.context, source->bucket, source->key);
  if (!copied)
    return std::unexpected(copied.error());
  auto object = copy_attributes_for(call, copied->source);
  if (!object) {
    call.context.blobs.remove(copied->blob);
    return std::unexpected(object.error());
  }
  object->update(Json{{"Key", call.route.key},
                      {"Size", copied->source.value("Size", std::uint64_t{0})},
                      {"ETag", copied->source.value("ETag", "")},
                      {"LastModified", s3_timestamp(call.request.time)},
                      {"Blob", copied->blob}});
  if (copied->source.contains("ChecksumCRC32"))
    (*object)["ChecksumCRC32"] = copied->source["ChecksumCRC32"];
  aws::HttpResponse response = copy_result(*object);
  if (auto stored =
          store_object(call.context, call.route.bucket, call.route.key, std::move(*object));
      !stored)
    return std::unexpected(stored.error());
  return response;
}

}  // namespace spawn::localcloud
