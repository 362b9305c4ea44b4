// Deciding an S3 operation: the path gives the level (service "/", bucket
// "/b", object "/b/k"), then the first sub-resource of that level's table that
// the query carries picks the operation for the method; with none, the method
// alone decides, except that a PUT with x-amz-copy-source copies. Query
// parameters are decoded with '+' as a space (S3 reads them as form values),
// the path with '+' kept ('+' in a key is a plus). Sub-resources S3 has but
// localcloud does not emulate answer NotImplemented rather than being mistaken
// for a plain GET of the bucket.
#include "localcloud/services/s3/s3_operation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <span>

#include "localcloud/services/s3/s3_errors.hpp"
#include "localcloud/services/s3/utf8.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {

namespace {

using Op = S3Operation;

constexpr std::size_t kMaxKeyLength = 1024;
constexpr std::string_view kPresignPrefix = "x-amz-";
constexpr std::string_view kCopySourceHeader = "x-amz-copy-source";

struct SubresourceRoute {
  std::string_view method;
  std::string_view subresource;
  S3Operation operation;
};

constexpr std::array kBucketRoutes = {
    SubresourceRoute{"GET", "location", Op::get_bucket_location},
    SubresourceRoute{"GET", "tagging", Op::get_bucket_tagging},
    SubresourceRoute{"PUT", "tagging", Op::put_bucket_tagging},
    SubresourceRoute{"DELETE", "tagging", Op::delete_bucket_tagging},
    SubresourceRoute{"GET", "encryption", Op::get_bucket_encryption},
    SubresourceRoute{"PUT", "encryption", Op::put_bucket_encryption},
    SubresourceRoute{"DELETE", "encryption", Op::delete_bucket_encryption},
    SubresourceRoute{"GET", "publicAccessBlock", Op::get_public_access_block},
    SubresourceRoute{"PUT", "publicAccessBlock", Op::put_public_access_block},
    SubresourceRoute{"DELETE", "publicAccessBlock", Op::delete_public_access_block},
    SubresourceRoute{"GET", "uploads", Op::list_multipart_uploads},
    SubresourceRoute{"POST", "delete", Op::delete_objects},
};

constexpr std::array kObjectRoutes = {
    SubresourceRoute{"GET", "tagging", Op::get_object_tagging},
    SubresourceRoute{"PUT", "tagging", Op::put_object_tagging},
    SubresourceRoute{"DELETE", "tagging", Op::delete_object_tagging},
    SubresourceRoute{"POST", "uploads", Op::create_multipart_upload},
    SubresourceRoute{"GET", "uploadId", Op::list_parts},
    SubresourceRoute{"PUT", "uploadId", Op::upload_part},
    SubresourceRoute{"POST", "uploadId", Op::complete_multipart_upload},
    SubresourceRoute{"DELETE", "uploadId", Op::abort_multipart_upload},
};

// Sub-resources of the real S3 that localcloud does not emulate (space-separated).
constexpr std::string_view kUnsupportedSubresources =
    "accelerate acl analytics attributes cors inventory legal-hold lifecycle intelligent-tiering "
    "logging metrics notification object-lock ownershipControls policy policyStatus replication "
    "requestPayment restore retention select torrent versioning versions website";

// The operation a method names at a level when no sub-resource does.
struct BaseRoute {
  std::string_view method;
  S3Operation operation;
};

constexpr std::array kBucketBase = {
    BaseRoute{"GET", Op::list_objects},
    BaseRoute{"PUT", Op::create_bucket},
    BaseRoute{"HEAD", Op::head_bucket},
    BaseRoute{"DELETE", Op::delete_bucket},
};

constexpr std::array kObjectBase = {
    BaseRoute{"GET", Op::get_object},
    BaseRoute{"PUT", Op::put_object},
    BaseRoute{"HEAD", Op::head_object},
    BaseRoute{"DELETE", Op::delete_object},
};

constexpr std::array kOperationNames = {
    "ListBuckets",
    "CreateBucket",
    "HeadBucket",
    "DeleteBucket",
    "GetBucketLocation",
    "ListObjects",
    "ListObjectsV2",
    "DeleteObjects",
    "GetBucketTagging",
    "PutBucketTagging",
    "DeleteBucketTagging",
    "GetBucketEncryption",
    "PutBucketEncryption",
    "DeleteBucketEncryption",
    "GetPublicAccessBlock",
    "PutPublicAccessBlock",
    "DeletePublicAccessBlock",
    "ListMultipartUploads",
    "PutObject",
    "CopyObject",
    "GetObject",
    "HeadObject",
    "DeleteObject",
    "GetObjectTagging",
    "PutObjectTagging",
    "DeleteObjectTagging",
    "CreateMultipartUpload",
    "UploadPart",
    "UploadPartCopy",
    "CompleteMultipartUpload",
    "AbortMultipartUpload",
    "ListParts",
};
static_assert(kOperationNames.size() == static_cast<std::size_t>(Op::list_parts) + 1);

std::expected<std::string, ApiError> decode(std::string_view text, PlusMeans plus) {
  auto decoded = percent_decode(text, plus);
  if (!decoded)
    return std::unexpected(s3_errors::invalid_uri());
  return std::move(*decoded);
}

std::expected<S3Query, ApiError> parse_query(std::string_view raw) {
  S3Query query;
  for (const std::string& pair : split(raw, '&')) {
    if (pair.empty())
      continue;
    std::size_t equals = pair.find('=');
    auto name = decode(std::string_view(pair).substr(0, equals), PlusMeans::space);
    auto value =
        decode(equals == std::string::npos ? "" : pair.substr(equals + 1), PlusMeans::space);
    if (!name || !value)
      return std::unexpected(s3_errors::invalid_uri());
    if (!to_lower(*name).starts_with(kPresignPrefix))
      query.emplace(std::move(*name), std::move(*value));
  }
  return query;
}

// Fills route.bucket and route.key from "/<bucket>[/<key>]".
std::expected<void, ApiError> parse_path(std::string_view path, S3Route& route) {
  if (!path.starts_with('/'))
    return std::unexpected(s3_errors::invalid_uri());
  path.remove_prefix(1);
  std::size_t slash = path.find('/');
  auto bucket = decode(path.substr(0, slash), PlusMeans::plus);
  auto key = decode(slash == std::string_view::npos ? "" : path.substr(slash + 1), PlusMeans::plus);
  if (!bucket || !key || !is_valid_utf8(*key))
    return std::unexpected(s3_errors::invalid_uri());
  if (bucket->empty() && !key->empty())
    return std::unexpected(s3_errors::invalid_uri());
  if (key->size() > kMaxKeyLength)
    return std::unexpected(client_error("KeyTooLongError", "Your key is too long"));
  route.bucket = std::move(*bucket);
  route.key = std::move(*key);
  return {};
}

template <std::size_t N>
std::expected<S3Operation, ApiError> pick(const std::array<SubresourceRoute, N>& routes,
                                          std::span<const BaseRoute> base,
                                          const aws::HttpRequest& request, const S3Query& query) {
  bool subresource_present = false;
  for (const SubresourceRoute& route : routes) {
    if (!query.contains(route.subresource))
      continue;
    if (route.method == request.method)
      return route.operation;
    subresource_present = true;
  }
  if (subresource_present)
    return std::unexpected(s3_errors::method_not_allowed());
  for (const std::string& unsupported : split(kUnsupportedSubresources, ' ')) {
    if (query.contains(unsupported)) {
      return std::unexpected(
          s3_errors::not_implemented(fmt::format("the ?{} sub-resource", unsupported)));
    }
  }
  auto it = std::find_if(base.begin(), base.end(),
                         [&](const BaseRoute& route) { return route.method == request.method; });
  if (it == base.end())
    return std::unexpected(s3_errors::method_not_allowed());
  return it->operation;
}

// The bucket-level operation, ListObjectsV2 being a GET with list-type=2.
std::expected<S3Operation, ApiError> bucket_operation(const aws::HttpRequest& request,
                                                      const S3Query& query) {
  auto operation = pick(kBucketRoutes, kBucketBase, request, query);
  if (operation == Op::list_objects && query.contains("list-type")) {
    if (query.at("list-type") != "2")
      return std::unexpected(s3_errors::invalid_argument("Invalid List Type specified"));
    return Op::list_objects_v2;
  }
  return operation;
}

// The object-level operation; a PUT naming a copy source copies instead of uploading.
std::expected<S3Operation, ApiError> object_operation(const aws::HttpRequest& request,
                                                      const S3Query& query) {
  auto operation = pick(kObjectRoutes, kObjectBase, request, query);
  if (!operation || !request.header(kCopySourceHeader))
    return operation;
  if (*operation == Op::put_object)
    return Op::copy_object;
  if (*operation == Op::upload_part)
    return Op::upload_part_copy;
  return operation;
}

}  // namespace

std::string_view operation_name(S3Operation operation) {
  return kOperationNames.at(static_cast<std::size_t>(operation));
}

std::string_view S3Route::param(std::string_view name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string_view{} : std::string_view(it->second);
}

std::expected<S3Route, ApiError> route_s3_request(const aws::HttpRequest& request) {
  S3Route route;
  if (auto located = parse_path(request.url.path, route); !located)
    return std::unexpected(located.error());
  auto query = parse_query(request.url.query);
  if (!query)
    return std::unexpected(query.error());
  route.query = std::move(*query);
  std::expected<S3Operation, ApiError> operation;
  if (route.bucket.empty()) {
    if (request.method != "GET")
      return std::unexpected(s3_errors::method_not_allowed());
    operation = Op::list_buckets;
  } else if (route.key.empty()) {
    operation = bucket_operation(request, route.query);
  } else {
    operation = object_operation(request, route.query);
  }
  if (!operation)
    return std::unexpected(operation.error());
  route.operation = *operation;
  return route;
}

}  // namespace spawn::localcloud
