// Where an S3 request goes. AWS prefers virtual-hosted addressing
// (https://<bucket>.s3.<region>.amazonaws.com/<key>); path-style
// (<endpoint>/<bucket>/<key>) is what local and custom endpoints understand,
// and the only form for bucket names that are not one DNS label (dots would
// break the TLS wildcard certificate).
#pragma once

#include <string_view>

#include "aws/endpoints.hpp"
#include "aws/http.hpp"
#include "util/result.hpp"

namespace spawn::aws {

// Whether `bucket` can be the first label of a host name: 3 to 63 lower-case letters, digits
// and hyphens, starting and ending with a letter or digit.
bool is_virtual_hostable_bucket(std::string_view bucket);

// The URL (scheme, host, port and encoded path) of `key` in `bucket`, or of the bucket itself
// when `key` is empty. Path-style when the S3 endpoint is overridden, an IP address or
// localhost, or when the bucket is not virtual-hostable; virtual-hosted otherwise. Keys are
// URI-encoded with their '/' kept. ErrorKind::usage for an empty bucket name.
Result<Url> s3_url(const EndpointResolver& endpoints, std::string_view region,
                   std::string_view bucket, std::string_view key);

}  // namespace spawn::aws
