// Where S3 state sits in the resource store. Bucket names are global in S3, so
// every S3 document uses the region "": buckets (kind "s3-bucket", id = name,
// their region recorded as "Region"), objects ("s3-object", id
// "<bucket>/<key>", so one bucket's objects are contiguous and in key order)
// and multipart uploads in progress ("s3-upload", id = upload id). Documents
// use the S3 model's member names; "Blob" names the file holding the bytes.
#pragma once

#include <expected>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "localcloud/api/api.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

inline constexpr std::string_view kS3Region = "";
inline constexpr std::string_view kBucketKind = "s3-bucket";
inline constexpr std::string_view kObjectKind = "s3-object";
inline constexpr std::string_view kUploadKind = "s3-upload";

// "<bucket>/<key>".
std::string object_id(std::string_view bucket, std::string_view key);

// The bucket's document being changed in `transaction`, or NoSuchBucket.
std::expected<Json*, ApiError> find_bucket(Transaction& transaction, std::string_view bucket);
// The bucket's committed document, or NoSuchBucket.
std::expected<Json, ApiError> bucket_record(const ResourceStore& store, std::string_view bucket);
// The object's committed document; NoSuchBucket or NoSuchKey when absent.
std::expected<Json, ApiError> object_record(const ResourceStore& store, std::string_view bucket,
                                            std::string_view key);

// Calls `visit(key, document)` for the objects of `bucket` in key order, starting at the
// first key not below `from`, until `visit` returns false. Runs under the store's read lock.
using ObjectVisitor = std::function<bool(std::string_view key, const Json& object)>;
void visit_objects(const ResourceStore& store, std::string_view bucket, std::string_view from,
                   const ObjectVisitor& visit);

// Whether `bucket` holds at least one object, as staged in `transaction`.
bool bucket_has_objects(Transaction& transaction, std::string_view bucket);

// The multipart upload `upload_id` into `bucket`/`key` being changed in `transaction`, or
// NoSuchUpload (also when the id belongs to another object).
std::expected<Json*, ApiError> find_upload(Transaction& transaction, std::string_view upload_id,
                                           std::string_view bucket, std::string_view key);
// The committed upload document, or NoSuchUpload.
std::expected<Json, ApiError> upload_record(const ResourceStore& store, std::string_view upload_id,
                                            std::string_view bucket, std::string_view key);
// The member of an upload's "Parts" that holds part `number`: zero-padded ("00007"), so
// parts iterate in number order.
std::string part_slot(int number);
// The blob names of the parts a multipart upload document holds.
std::vector<std::string> upload_blobs(const Json& upload);

}  // namespace spawn::localcloud
