// S3 tag sets, for buckets (PutBucketTagging) and objects (PutObjectTagging and
// the x-amz-tagging header of uploads). Kept as the model's TagSet:
// [{"Key": …, "Value": …}], in the order given.
#pragma once

#include <cstddef>
#include <expected>
#include <string_view>

#include "aws/http.hpp"
#include "localcloud/api/api.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

inline constexpr std::size_t kMaxBucketTags = 50;
inline constexpr std::size_t kMaxObjectTags = 10;

// The TagSet of a <Tagging> body; duplicate keys or bad lengths are InvalidTag.
std::expected<Json, ApiError> parse_tagging_document(std::string_view body, std::size_t max_tags);
// The TagSet of an x-amz-tagging header ("k1=v1&k2=v2", URL-encoded).
std::expected<Json, ApiError> parse_tagging_header(std::string_view header);
// <Tagging><TagSet><Tag>… for GetBucketTagging and GetObjectTagging.
aws::HttpResponse tagging_response(const Json& tag_set);

}  // namespace spawn::localcloud
