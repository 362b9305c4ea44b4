#include "localcloud/services/s3/multipart_operations.hpp"

#include <charconv>

#include "localcloud/api/responses.hpp"
#include "localcloud/services/s3/object_headers.hpp"
#include "localcloud/services/s3/object_store.hpp"
#include "localcloud/services/s3/s3_checksums.hpp"
#include "localcloud/services/s3/s3_errors.hpp"
#include "localcloud/services/s3/s3_payload.hpp"
#include "localcloud/services/s3/s3_records.hpp"
#include "localcloud/services/s3/s3_xml.hpp"
#include "util/uuid.hpp"

namespace spawn::localcloud {

namespace {

constexpr int kMinPartNumber = 1;
constexpr int kMaxPartNumber = 10000;
constexpr int kNoContent = 204;

std::expected<int, ApiError> part_number(const S3Route& route) {
  std::string_view text = route.param("partNumber");
  int number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() ||
      number < kMinPartNumber || number > kMaxPartNumber) {
    return std::unexpected(s3_errors::invalid_argument(
        "Part number must be an integer between 1 and 10000, inclusive"));
  }
  return number;
}

// Records `part` (whose blob is new) as part `number`, retiring the part it replaces.
std::expected<void, ApiError> record_part(const S3Call& call, int number, Json part) {
  const S3Route& route = call.route;
  std::string blob = part.value("Blob", "");
  return commit_with_blobs(
      call.context, {blob}, [&](Transaction& transaction) -> std::expected<RetiredBlobs, ApiError> {
        auto upload = find_upload(transaction, route.param("uploadId"), route.bucket, route.key);
        if (!upload)
          return std::unexpected(upload.error());
        Json& slot = (**upload)["Parts"][part_slot(number)];
        RetiredBlobs retired;
        if (slot.is_object())
          retired.push_back(slot.value("Blob", ""));
        slot = std::move(part);
        return retired;
      });
}

// Stores `bytes` as part `number` of the call's upload; returns the part's document.
std::expected<Json, ApiError> store_part(const S3Call& call, int number, std::string_view bytes,
                                         std::string_view checksum_crc32) {
  auto blob = call.context.blobs.write(bytes);
  if (!blob)
    return std::unexpected(ApiError::from_storage(blob.error()));
  Json part{{"PartNumber", number},
            {"ETag", quoted_etag(md5_hex(bytes))},
            {"Size", bytes.size()},
            {"LastModified", s3_timestamp(call.request.time)},
            {"Blob", *blob}};
  if (!checksum_crc32.empty())
    part["ChecksumCRC32"] = checksum_crc32;
  if (auto recorded = record_part(call, number, part); !recorded)
    return std::unexpected(recorded.error());
  return part;
}

}  // namespace

ApiOutcome create_multipart_upload(const S3Call& call) {
  auto upload = object_attributes(call.request.http);
  if (!upload)
    return std::unexpected(upload.error());
  std::string upload_id = random_uuid();
  upload->update(Json{{"UploadId", upload_id},
                      {"Bucket", call.route.bucket},
                      {"Key", call.route.key},
                      {"Initiated", s3_timestamp(call.request.time)},
                      {"Parts", Json::object()}});
  auto created =
      call.context.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
        if (auto bucket = find_bucket(transaction, call.route.bucket); !bucket)
          return std::unexpected(bucket.error());
        transaction.put(kS3Region, kUploadKind, upload_id, std::move(*upload));
        return {};
      });
  if (!created)
    return std::unexpected(created.error());
  pugi::xml_document document;
  pugi::xml_node root = add_s3_root(document, "InitiateMultipartUploadResult");
  add_text(root, "Bucket", call.route.bucket);
  add_text(root, "Key", call.route.key);
  add_text(root, "UploadId", upload_id);
  return s3_xml_response(document);
}

ApiOutcome upload_part(const S3Call& call) {
  auto number = part_number(call.route);
  if (!number)
    return std::unexpected(number.error());
  auto body = receive_body(call.request.http);
  if (!body)
    return std::unexpected(body.error());
  auto part = store_part(call, *number, body->bytes, body->checksum_crc32);
  if (!part)
    return std::unexpected(part.error());
  aws::HttpResponse response = empty_response(200);
  response.headers.emplace_back("ETag", (*part)["ETag"].get<std::string>());
  response.headers.emplace_back("x-amz-server-side-encryption", "AES256");
  if (!body->checksum_crc32.empty())
    response.headers.emplace_back("x-amz-checksum-crc32", body->checksum_crc32);
  return response;
}

ApiOutcome upload_part_copy(const S3Call& call) {
  auto number = part_number(call.route);
  if (!number)
    return std::unexpected(number.error());
  auto source = copy_source(call.request.http);
  if (!source)
    return std::unexpected(source.error());
  auto read = read_object(call.context, source->bucket, source->key,
                          call.request.http.header("x-amz-copy-source-range"));
  if (!read)
    return std::unexpected(read.error());
  auto part = store_part(call, *number, read->bytes, "");
  if (!part)
    return std::unexpected(part.error());
  pugi::xml_document document;
  pugi::xml_node root = add_s3_root(document, "CopyPartResult");
  add_text(root, "LastModified", (*part)["LastModified"].get<std::string>());
  add_text(root, "ETag", (*part)["ETag"].get<std::string>());
  return s3_xml_response(document);
}

ApiOutcome abort_multipart_upload(const S3Call& call) {
  const S3Route& route = call.route;
  auto aborted = commit_with_blobs(
      call.context, {}, [&](Transaction& transaction) -> std::expected<RetiredBlobs, ApiError> {
        std::string_view upload_id = route.param("uploadId");
        auto upload = find_upload(transaction, upload_id, route.bucket, route.key);
        if (!upload)
          return std::unexpected(upload.error());
        RetiredBlobs retired = upload_blobs(**upload);
        transaction.erase(kS3Region, kUploadKind, upload_id);
        return retired;
      });
  if (!aborted)
    return std::unexpected(aborted.error());
  return empty_response(kNoContent);
}

}  // namespace spawn::localcloud
