// S3's rules for bucket names (general purpose buckets): 3-63 characters of
// lower-case letters, digits, '.' and '-', starting and ending with a letter
// or digit, no "..", not shaped like an IPv4 address, and none of the prefixes
// and suffixes AWS reserves ("xn--", "sthree-", "-s3alias", "--ol-s3", ...).
#pragma once

#include <string_view>

namespace spawn::localcloud {

// Whether CreateBucket accepts `name`.
bool is_valid_bucket_name(std::string_view name);

}  // namespace spawn::localcloud
