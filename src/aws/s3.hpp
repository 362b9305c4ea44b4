// The S3 operations spawn uses for staging files: a private, encrypted, tagged
// bucket, objects put, read, listed and deleted, and presigned download URLs an
// instance can fetch without credentials. Addressing (virtual-hosted or
// path-style) is chosen per request by s3_address.hpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/client.hpp"
#include "aws/common_types.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::aws {

// Server-side encryption asked for on upload (x-amz-server-side-encryption).
enum class ServerSideEncryption { bucket_default, aes256 };

struct PutObjectRequest {
  std::string bucket;
  std::string key;
  std::string body;
  std::string content_type;  // omitted when empty
  ServerSideEncryption encryption = ServerSideEncryption::bucket_default;
  std::vector<Tag> tags;  // sent as x-amz-tagging
};

// What HeadObject and GetObject tell about an object.
struct ObjectInfo {
  std::int64_t size = 0;
  std::string etag;  // as S3 sends it, quotes included
  std::string content_type;
  std::optional<SystemTime> last_modified;
  std::map<std::string, std::string> metadata;  // x-amz-meta-<name>, names lower-cased
};

struct S3Object {
  ObjectInfo info;
  std::string body;
};

// One entry of a listing.
struct ObjectSummary {
  std::string key;
  std::int64_t size = 0;
  std::string etag;
  std::optional<SystemTime> last_modified;
};

// ListObjectsV2's input: page.next_token is the continuation token, page.max_results MaxKeys.
struct ListObjectsRequest {
  std::string bucket;
  std::string prefix;  // all keys when empty
  PageRequest page;
};

class S3Client {
 public:
  explicit S3Client(AwsClient& client) : client_(client) {}

  // Creates `bucket` in the client's region. BucketAlreadyOwnedByYou is ErrorKind::conflict.
  Result<void> create_bucket(const std::string& bucket);
  // Turns on all four public-access blocks.
  Result<void> put_public_access_block(const std::string& bucket);
  // Makes SSE-S3 (AES256) the bucket's default encryption.
  Result<void> put_bucket_encryption(const std::string& bucket);
  // Replaces the bucket's tags with `tags`.
  Result<void> put_bucket_tagging(const std::string& bucket, const std::vector<Tag>& tags);
  // The bucket's tags; empty when it has none (NoSuchTagSet), ErrorKind::not_found when the
  // bucket does not exist.
  Result<std::vector<Tag>> get_bucket_tagging(const std::string& bucket);
  // Deletes an empty bucket.
  Result<void> delete_bucket(const std::string& bucket);

  Result<void> put_object(const PutObjectRequest& request);
  // The object's content; NoSuchKey is ErrorKind::not_found.
  Result<S3Object> get_object(const std::string& bucket, const std::string& key);
  // The object's size, ETag and metadata; ErrorKind::not_found when it does not exist.
  Result<ObjectInfo> head_object(const std::string& bucket, const std::string& key);
  // Deleting a key that does not exist succeeds, as in S3.
  Result<void> delete_object(const std::string& bucket, const std::string& key);
  Result<Page<ObjectSummary>> list_objects(const ListObjectsRequest& request);
  Result<std::vector<ObjectSummary>> list_objects_all(const std::string& bucket,
                                                      const std::string& prefix);

  // A URL that GETs the object without credentials until `expires` has passed.
  Result<std::string> presign_get(const std::string& bucket, const std::string& key,
                                  std::chrono::seconds expires);

 private:
  AwsClient& client_;
};

}  // namespace spawn::aws
