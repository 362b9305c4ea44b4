// Objects as a whole: a document in the resource store naming a blob file.
// Writing one commits the new document and retires the blob it replaced (or
// drops the new blob if the commit fails), so no reader ever finds half an
// object. Reading one looks the document up and opens its blob under the
// store's read lock: a replacement commits (and only then retires the old blob)
// under the write lock, so the reader gets the old or the new object whole.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "localcloud/services/s3/blob_store.hpp"
#include "localcloud/services/s3/s3_context.hpp"

namespace spawn::localcloud {

// Records `object` (whose "Blob" names its bytes) as `key` of `bucket`, replacing any
// object there. NoSuchBucket when the bucket is gone; the blob is dropped on failure.
std::expected<void, ApiError> store_object(S3Context& context, std::string_view bucket,
                                           std::string_view key, Json object);

struct OpenedObject {
  Json object;
  OpenBlob blob;
};
// The object's document with its blob opened under the store's read lock, so a concurrent
// replacement cannot retire the blob first; NoSuchBucket or NoSuchKey when absent.
std::expected<OpenedObject, ApiError> open_object(const S3Context& context, std::string_view bucket,
                                                  std::string_view key);

struct ObjectRead {
  Json object;
  std::optional<ByteRange> range;  // when the Range header asked for part of it
  std::string bytes;
};
// The object's document and bytes (those `range_header` asks for, or all).
std::expected<ObjectRead, ApiError> read_object(const S3Context& context, std::string_view bucket,
                                                std::string_view key,
                                                std::optional<std::string_view> range_header);

// A copy of the object's bytes in a new blob (streamed, not held in memory), with the
// source's document.
struct CopiedBlob {
  Json source;
  std::string blob;
};
std::expected<CopiedBlob, ApiError> copy_object_blob(S3Context& context, std::string_view bucket,
                                                     std::string_view key);

struct ObjectLocation {
  std::string bucket;
  std::string key;
};
// The object x-amz-copy-source names ("[/]bucket/key[?versionId=…]", URL-encoded).
std::expected<ObjectLocation, ApiError> copy_source(const aws::HttpRequest& request);

}  // namespace spawn::localcloud
