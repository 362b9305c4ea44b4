// S3 is REST: a request names no operation, so the service decides it from the
// method, the path-style location (/<bucket>/<key>) and the sub-resource in the
// query (?uploads, ?tagging, ...), the way S3's own front door does. This is a
// pure function of the request line and a few headers, so it is fuzzed.
#pragma once

#include <expected>
#include <map>
#include <string>
#include <string_view>

#include "aws/http.hpp"
#include "localcloud/api/api.hpp"

namespace spawn::localcloud {

enum class S3Operation {
  list_buckets,
  create_bucket,
  head_bucket,
  delete_bucket,
  get_bucket_location,
  list_objects,
  list_objects_v2,
  delete_objects,
  get_bucket_tagging,
  put_bucket_tagging,
  delete_bucket_tagging,
  get_bucket_encryption,
  put_bucket_encryption,
  delete_bucket_encryption,
  get_public_access_block,
  put_public_access_block,
  delete_public_access_block,
  list_multipart_uploads,
  put_object,
  copy_object,
  get_object,
  head_object,
  delete_object,
  get_object_tagging,
  put_object_tagging,
  delete_object_tagging,
  create_multipart_upload,
  upload_part,
  upload_part_copy,
  complete_multipart_upload,
  abort_multipart_upload,
  list_parts,
};

// The operation's name in the S3 model ("ListObjectsV2").
std::string_view operation_name(S3Operation operation);

// Decoded query parameters, SigV4's presign parameters (X-Amz-*) left out.
using S3Query = std::map<std::string, std::string, std::less<>>;

struct S3Route {
  S3Operation operation = S3Operation::list_buckets;
  std::string bucket;  // "" for ListBuckets
  std::string key;     // decoded; "" for bucket and service operations
  S3Query query;

  // The decoded value of query parameter `name`, or "" when absent.
  std::string_view param(std::string_view name) const;
  bool has_param(std::string_view name) const { return query.contains(name); }
};

// The operation `request` asks for, where it points, and its query; a path or
// query that cannot be decoded is InvalidURI, a method S3 does not take there is
// MethodNotAllowed, a sub-resource localcloud does not emulate NotImplemented.
std::expected<S3Route, ApiError> route_s3_request(const aws::HttpRequest& request);

}  // namespace spawn::localcloud
