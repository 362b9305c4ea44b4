// What an object carries besides its bytes travels in HTTP headers: on upload
// the client sends Content-Type, x-amz-meta-*, Cache-Control and friends and
// x-amz-tagging; GetObject and HeadObject answer with them plus ETag,
// Last-Modified, Content-Length and the encryption S3 applied. Range requests
// (one "bytes=" range) are read here too.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string_view>

#include "aws/http.hpp"
#include "localcloud/api/api.hpp"
#include "localcloud/services/s3/blob_store.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

// S3's Content-Type for objects uploaded without one.
inline constexpr std::string_view kDefaultObjectContentType = "binary/octet-stream";

// The attributes an upload's headers give the object: ContentType, Metadata (names
// lower-cased, prefix dropped), CacheControl & co., TagSet (from x-amz-tagging).
std::expected<Json, ApiError> object_attributes(const aws::HttpRequest& request);

// Copies the attributes object_attributes() reads from `from` to `to`.
void copy_attributes(const Json& from, Json& to);

// The headers GetObject and HeadObject answer with for `object` (all but Content-Length).
void add_object_headers(const Json& object, aws::Headers& headers);

// The byte range a Range header asks of an object of `size` bytes: nullopt for the whole
// object (no header, or one S3 ignores); InvalidRange (416) when it starts past the end.
std::expected<std::optional<ByteRange>, ApiError> requested_range(
    std::optional<std::string_view> header, std::uint64_t size);

}  // namespace spawn::localcloud
