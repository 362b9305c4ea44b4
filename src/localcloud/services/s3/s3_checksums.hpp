// The digests S3 exchanges about object bytes: the MD5 behind ETags and
// Content-MD5, the multipart ETag ("<md5 of the parts' MD5s>-<count>"), and
// the CRC32 of x-amz-checksum-crc32 (big-endian, base64).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace spawn::localcloud {

// MD5 of `bytes`: 32 lower-case hex digits.
std::string md5_hex(std::string_view bytes);
// S3's ETag of a single-part object: the MD5 hex in double quotes.
std::string quoted_etag(std::string_view md5_hex_digits);
// The ETag of an object assembled from parts whose MD5s (hex) are `part_md5s`, quoted.
std::string multipart_etag(const std::vector<std::string>& part_md5s);
// CRC-32 (ISO-HDLC, as zlib) of `bytes`, base64 of its four big-endian bytes.
std::string crc32_base64(std::string_view bytes);

}  // namespace spawn::localcloud
