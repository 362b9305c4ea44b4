#include "localcloud/services/s3/s3_records.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "localcloud/services/s3/s3_errors.hpp"

namespace spawn::localcloud {

std::string object_id(std::string_view bucket, std::string_view key) {
  std::string id(bucket);
  id += '/';
  id += key;
  return id;
}

std::expected<Json*, ApiError> find_bucket(Transaction& transaction, std::string_view bucket) {
  Json* document = transaction.find(kS3Region, kBucketKind, bucket);
  if (document == nullptr)
    return std::unexpected(s3_errors::no_such_bucket());
  return document;
}

std::expected<Json, ApiError> bucket_record(const ResourceStore& store, std::string_view bucket) {
  auto document = store.get(kS3Region, kBucketKind, bucket);
  if (!document)
    return std::unexpected(s3_errors::no_such_bucket());
  return std::move(*document);
}

std::expected<Json, ApiError> object_record(const ResourceStore& store, std::string_view bucket,
                                            std::string_view key) {
  auto object = store.get(kS3Region, kObjectKind, object_id(bucket, key));
  if (object)
    return std::move(*object);
  if (auto exists = bucket_record(store, bucket); !exists)
    return std::unexpected(exists.error());
  return std::unexpected(s3_errors::no_such_key());
}

void visit_objects(const ResourceStore& store, std::string_view bucket, std::string_view from,
                   const ObjectVisitor& visit) {
  std::string prefix = object_id(bucket, "");
  store.read(kS3Region, kObjectKind, [&](const ResourceMap& objects) {
    for (auto it = objects.lower_bound(object_id(bucket, from));
         it != objects.end() && it->first.starts_with(prefix); ++it) {
      if (!visit(std::string_view(it->first).substr(prefix.size()), it->second))
        return;
    }
  });
}

bool bucket_has_objects(Transaction& transaction, std::string_view bucket) {
  std::string prefix = object_id(bucket, "");
  auto ids = transaction.ids(kS3Region, kObjectKind);
  auto first = std::lower_bound(ids.begin(), ids.end(), prefix);
  return first != ids.end() && first->starts_with(prefix);
}

namespace {

bool names_object(const Json& upload, std::string_view bucket, std::string_view key) {
  return upload.value("Bucket", "") == bucket && upload.value("Key", "") == key;
}

}  // namespace

std::expected<Json*, ApiError> find_upload(Transaction& transaction, std::string_view upload_id,
                                           std::string_view bucket, std::string_view key) {
  Json* upload = transaction.find(kS3Region, kUploadKind, upload_id);
  if (upload == nullptr || !names_object(*upload, bucket, key))
    return std::unexpected(s3_errors::no_such_upload());
  return upload;
}

std::expected<Json, ApiError> upload_record(const ResourceStore& store, std::string_view upload_id,
                                            std::string_view bucket, std::string_view key) {
  auto upload = store.get(kS3Region, kUploadKind, upload_id);
  if (!upload || !names_object(*upload, bucket, key))
    return std::unexpected(s3_errors::no_such_upload());
  return std::move(*upload);
}

std::string part_slot(int number) {
  return fmt::format("{:05}", number);
}

std::vector<std::string> upload_blobs(const Json& upload) {
  std::vector<std::string> blobs;
  const Json parts = upload.value("Parts", Json::object());
  for (const auto& [number, part] : parts.items())
    blobs.push_back(part.value("Blob", ""));
  return blobs;
}

}  // namespace spawn::localcloud
