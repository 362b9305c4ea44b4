// What every S3 operation handler works with: the store for metadata, the blob
// files for bytes, and the request it answers, already routed.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "localcloud/api/api.hpp"
#include "localcloud/services/s3/blob_store.hpp"
#include "localcloud/services/s3/s3_operation.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

struct S3Context {
  ResourceStore& store;
  BlobStore blobs;
  std::string endpoint_url;  // "http://127.0.0.1:PORT", for Location answers
};

struct S3Call {
  S3Context& context;
  const ApiRequest& request;
  const S3Route& route;
};

using S3Handler = ApiOutcome (*)(const S3Call&);

// Blob names a committed change no longer needs.
using RetiredBlobs = std::vector<std::string>;

// Runs `change` (Transaction& -> std::expected<RetiredBlobs, ApiError>) in the store. The
// blobs `written` for it are deleted when it fails; the blobs it retires once it committed.
template <class Change>
std::expected<void, ApiError> commit_with_blobs(S3Context& context,
                                                const std::vector<std::string>& written,
                                                Change&& change) {
  auto retired = context.store.write(std::forward<Change>(change));
  if (!retired) {
    context.blobs.remove(written);
    return std::unexpected(retired.error());
  }
  context.blobs.remove(*retired);
  return {};
}

}  // namespace spawn::localcloud
