// What an upload (PutObject, UploadPart) or a configuration PUT carried, with
// the integrity checks S3 makes before it keeps anything: Content-MD5 (BadDigest
// when it differs, InvalidDigest when it is not an MD5), x-amz-checksum-crc32
// from a header or an aws-chunked trailer, and x-amz-decoded-content-length.
#pragma once

#include <expected>
#include <string>

#include "aws/http.hpp"
#include "localcloud/api/api.hpp"

namespace spawn::localcloud {

struct ReceivedBody {
  std::string bytes;           // the object's data, aws-chunked framing removed
  std::string md5_hex;         // of `bytes`
  std::string checksum_crc32;  // base64, only when the client sent one (now verified)
};

// The verified data of `request`'s body.
std::expected<ReceivedBody, ApiError> receive_body(const aws::HttpRequest& request);

// Checks Content-MD5, when present, against `request`'s body as sent.
std::expected<void, ApiError> check_content_md5(const aws::HttpRequest& request);

}  // namespace spawn::localcloud
