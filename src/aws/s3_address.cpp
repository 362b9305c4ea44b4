#include "aws/s3_address.hpp"

#include <algorithm>

#include "aws/rest_protocol.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

namespace spawn::aws {

namespace {

constexpr std::size_t kMinBucketLength = 3;
constexpr std::size_t kMaxBucketLength = 63;

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool needs_path_style(const EndpointResolver& endpoints, const Url& endpoint,
                      std::string_view bucket) {
  return endpoints.overridden(services::s3) || is_ip_address(endpoint.host) ||
         iequals(endpoint.host, "localhost") || !is_virtual_hostable_bucket(bucket);
}

}  // namespace

bool is_virtual_hostable_bucket(std::string_view bucket) {
  if (bucket.size() < kMinBucketLength || bucket.size() > kMaxBucketLength)
    return false;
  if (!is_lower_alnum(bucket.front()) || !is_lower_alnum(bucket.back()))
    return false;
  return std::all_of(bucket.begin(), bucket.end(),
                     [](char c) { return is_lower_alnum(c) || c == '-'; });
}

Result<Url> s3_url(const EndpointResolver& endpoints, std::string_view region,
                   std::string_view bucket, std::string_view key) {
  if (bucket.empty())
    return fail(ErrorKind::usage, "an S3 request needs a bucket name");
  auto endpoint = endpoints.endpoint(services::s3, region);
  if (!endpoint)
    return std::unexpected(std::move(endpoint.error()));
  Url url = std::move(*endpoint);
  url.query.clear();
  if (needs_path_style(endpoints, url, bucket)) {
    url.path = key.empty() ? rest_path({bucket}) : s3_object_path(bucket, key);
  } else {
    url.host = std::string(bucket) + "." + url.host;
    url.path = "/" + uri_encode(key, Slash::keep);
  }
  return url;
}

}  // namespace spawn::aws
