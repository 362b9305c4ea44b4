#include "localcloud/services/s3/multipart_completion.hpp"

#include <fmt/format.h>

#include "aws/xml.hpp"
#include "localcloud/api/responses.hpp"
#include "localcloud/services/s3/object_headers.hpp"
#include "localcloud/services/s3/s3_checksums.hpp"
#include "localcloud/services/s3/s3_errors.hpp"
#include "localcloud/services/s3/s3_records.hpp"
#include "localcloud/services/s3/s3_xml.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud {

namespace {

constexpr std::uint64_t kMinPartSize = std::uint64_t{5} * 1024 * 1024;

struct ListedPart {
  int number = 0;
  std::string etag;
};

std::string_view unquoted(std::string_view etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"')
    return etag.substr(1, etag.size() - 2);
  return etag;
}

ApiError invalid_part() {
  return client_error("InvalidPart",
                      "One or more of the specified parts could not be found.  The part may not "
                      "have been uploaded, or the specified entity tag may not match the part's "
                      "entity tag.");
}

// The parts of a <CompleteMultipartUpload> body, which must be in ascending order.
std::expected<std::vector<ListedPart>, ApiError> parse_parts(std::string_view body) {
  auto document = parse_s3_body(body, "CompleteMultipartUpload");
  if (!document)
    return std::unexpected(document.error());
  std::vector<ListedPart> parts;
  for (pugi::xml_node part : aws::xml::children((*document)->document_element(), "Part")) {
    auto number = aws::xml::integer(part, "PartNumber");
    if (!number)
      return std::unexpected(s3_errors::malformed_xml());
    if (!parts.empty() && *number <= parts.back().number) {
      return std::unexpected(client_error(
          "InvalidPartOrder",
          "The list of parts was not in ascending order. Parts must be ordered by part number."));
    }
    parts.push_back({static_cast<int>(*number), aws::xml::text(part, "ETag")});
  }
  if (parts.empty())
    return std::unexpected(s3_errors::malformed_xml());
  return parts;
}

// The stored documents of the listed parts, checked against what S3 requires.
std::expected<std::vector<Json>, ApiError> chosen_parts(const Json& upload,
                                                        const std::vector<ListedPart>& listed) {
  Json stored = upload.value("Parts", Json::object());
  std::vector<Json> parts;
  for (const ListedPart& part : listed) {
    auto it = stored.find(part_slot(part.number));
    if (it == stored.end() || unquoted(it->value("ETag", "")) != unquoted(part.etag))
      return std::unexpected(invalid_part());
    parts.push_back(*it);
  }
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i].value("Size", std::uint64_t{0}) < kMinPartSize) {
      return std::unexpected(
          client_error("EntityTooSmall",
                       "Your proposed upload is smaller than the minimum allowed object size."));
    }
  }
  return parts;
}

// The blobs of `parts`, opened; a part uploaded again meanwhile (its blob retired) is
// InvalidPart, as the commit would find too.
std::expected<std::vector<OpenBlob>, ApiError> open_parts(const S3Context& context,
                                                          const std::vector<Json>& parts) {
  std::vector<OpenBlob> blobs;
  blobs.reserve(parts.size());
  for (const Json& part : parts) {
    auto blob = context.blobs.open(part.value("Blob", ""));
    if (!blob)
      return std::unexpected(invalid_part());
    blobs.push_back(std::move(*blob));
  }
  return blobs;
}

// The finished object's document: the upload's attributes and the joined parts.
Json assembled_object(const S3Call& call, const Json& upload, const std::vector<Json>& parts,
                      std::string blob) {
  Json object = Json::object();
  copy_attributes(upload, object);
  std::uint64_t size = 0;
  std::vector<std::string> md5s;
  for (const Json& part : parts) {
    size += part.value("Size", std::uint64_t{0});
    md5s.emplace_back(unquoted(part.value("ETag", "")));
  }
  object.update(Json{{"Key", call.route.key},
                     {"Size", size},
                     {"ETag", multipart_etag(md5s)},
                     {"LastModified", s3_timestamp(call.request.time)},
                     {"PartsCount", parts.size()},
                     {"Blob", std::move(blob)}});
  return object;
}

// Replaces the upload with `object`, provided the parts it used were not uploaded again
// meanwhile; retires every part blob and the object the new one replaces.
std::expected<void, ApiError> commit_object(const S3Call& call, const std::vector<Json>& parts,
                                            Json object) {
  const S3Route& route = call.route;
  std::string blob = object.value("Blob", "");
  return commit_with_blobs(
      call.context, {blob}, [&](Transaction& transaction) -> std::expected<RetiredBlobs, ApiError> {
        std::string_view upload_id = route.param("uploadId");
        auto upload = find_upload(transaction, upload_id, route.bucket, route.key);
        if (!upload)
          return std::unexpected(upload.error());
        for (const Json& part : parts) {
          Json now = (*upload)
                         ->value("Parts", Json::object())
                         .value(part_slot(part.value("PartNumber", 0)), Json::object());
          if (now.value("Blob", "") != part.value("Blob", ""))
            return std::unexpected(invalid_part());
        }
        if (auto bucket = find_bucket(transaction, route.bucket); !bucket)
          return std::unexpected(bucket.error());
        RetiredBlobs retired = upload_blobs(**upload);
        std::string id = object_id(route.bucket, route.key);
        if (const Json* previous = transaction.find(kS3Region, kObjectKind, id))
          retired.push_back(previous->value("Blob", ""));
        transaction.put(kS3Region, kObjectKind, id, std::move(object));
        transaction.erase(kS3Region, kUploadKind, upload_id);
        return retired;
      });
}

aws::HttpResponse completion_result(const S3Call& call, std::string_view etag) {
  pugi::xml_document document;
  pugi::xml_node root = add_s3_root(document, "CompleteMultipartUploadResult");
  add_text(root, "Location",
           fmt::format("{}/{}/{}", call.context.endpoint_url, call.route.bucket,
                       uri_encode(call.route.key, Slash::keep)));
  add_text(root, "Bucket", call.route.bucket);
  add_text(root, "Key", call.route.key);
  add_text(root, "ETag", etag);
  return s3_xml_response(document);
}

}  // namespace

ApiOutcome complete_multipart_upload(const S3Call& call) {
  const S3Route& route = call.route;
  auto listed = parse_parts(call.request.http.body);
  if (!listed)
    return std::unexpected(listed.error());
  auto upload = upload_record(call.context.store, route.param("uploadId"), route.bucket, route.key);
  if (!upload)
    return std::unexpected(upload.error());
  auto parts = chosen_parts(*upload, *listed);
  if (!parts)
    return std::unexpected(parts.error());
  auto part_blobs = open_parts(call.context, *parts);
  if (!part_blobs)
    return std::unexpected(part_blobs.error());
  auto blob = call.context.blobs.write_joined(*part_blobs);
  if (!blob)
    return std::unexpected(ApiError::from_storage(blob.error()));
  Json object = assembled_object(call, *upload, *parts, std::move(*blob));
  std::string etag = object["ETag"];
  if (auto committed = commit_object(call, *parts, std::move(object)); !committed)
    return std::unexpected(committed.error());
  return completion_result(call, etag);
}

}  // namespace spawn::localcloud
