#include "localcloud/services/s3/object_store.hpp"

#include "localcloud/services/s3/object_headers.hpp"
#include "localcloud/services/s3/s3_errors.hpp"
#include "localcloud/services/s3/s3_records.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {

namespace {

constexpr std::string_view kVersionIdSuffix = "?versionId=";

std::string blob_of(const Json& object) {
  return object.value("Blob", "");
}

}  // namespace

std::expected<void, ApiError> store_object(S3Context& context, std::string_view bucket,
                                           std::string_view key, Json object) {
  std::string blob = blob_of(object);
  return commit_with_blobs(
      context, {blob}, [&](Transaction& transaction) -> std::expected<RetiredBlobs, ApiError> {
        if (auto exists = find_bucket(transaction, bucket); !exists)
          return std::unexpected(exists.error());
        std::string id = object_id(bucket, key);
        RetiredBlobs retired;
        if (const Json* previous = transaction.find(kS3Region, kObjectKind, id))
          retired.push_back(blob_of(*previous));
        transaction.put(kS3Region, kObjectKind, id, std::move(object));
        return retired;
      });
}

std::expected<OpenedObject, ApiError> open_object(const S3Context& context, std::string_view bucket,
                                                  std::string_view key) {
  std::optional<Json> object;
  std::optional<Result<OpenBlob>> blob;
  context.store.read(kS3Region, kObjectKind, [&](const ResourceMap& objects) {
    auto it = objects.find(object_id(bucket, key));
    if (it == objects.end())
      return;
    object = it->second;
    blob = context.blobs.open(blob_of(it->second));
  });
  if (!object) {
    auto exists = bucket_record(context.store, bucket);
    return std::unexpected(exists ? s3_errors::no_such_key() : exists.error());
  }
  if (!*blob)
    return std::unexpected(ApiError::from_storage(blob->error()));
  return OpenedObject{std::move(*object), std::move(**blob)};
}

std::expected<ObjectRead, ApiError> read_object(const S3Context& context, std::string_view bucket,
                                                std::string_view key,
                                                std::optional<std::string_view> range_header) {
  auto opened = open_object(context, bucket, key);
  if (!opened)
    return std::unexpected(opened.error());
  std::uint64_t size = opened->object.value("Size", std::uint64_t{0});
  auto range = requested_range(range_header, size);
  if (!range)
    return std::unexpected(range.error());
  auto bytes =
      *range ? opened->blob.read((*range)->first, (*range)->length()) : opened->blob.read(0, size);
  if (!bytes)
    return std::unexpected(ApiError::from_storage(bytes.error()));
  return ObjectRead{std::move(opened->object), *range, std::move(*bytes)};
}

std::expected<CopiedBlob, ApiError> copy_object_blob(S3Context& context, std::string_view bucket,
                                                     std::string_view key) {
  auto opened = open_object(context, bucket, key);
  if (!opened)
    return std::unexpected(opened.error());
  std::vector<OpenBlob> sources;
  sources.push_back(std::move(opened->blob));
  auto blob = context.blobs.write_joined(sources);
  if (!blob)
    return std::unexpected(ApiError::from_storage(blob.error()));
  return CopiedBlob{std::move(opened->object), std::move(*blob)};
}

std::expected<ObjectLocation, ApiError> copy_source(const aws::HttpRequest& request) {
  std::string_view raw = trim(request.header("x-amz-copy-source").value_or(""));
  raw = raw.substr(0, raw.find(kVersionIdSuffix));
  auto decoded = percent_decode(raw, PlusMeans::plus);
  if (!decoded)
    return std::unexpected(s3_errors::invalid_argument("Invalid copy source encoding"));
  std::string_view source = *decoded;
  if (source.starts_with('/'))
    source.remove_prefix(1);
  std::size_t slash = source.find('/');
  if (slash == 0 || slash == std::string_view::npos || slash + 1 == source.size()) {
    return std::unexpected(s3_errors::invalid_argument(
        "Copy Source must mention the source bucket and key: sourcebucket/sourcekey"));
  }
  return ObjectLocation{std::string(source.substr(0, slash)),
                        std::string(source.substr(slash + 1))};
}

}  // namespace spawn::localcloud
