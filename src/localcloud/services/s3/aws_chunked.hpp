// aws-chunked, the body encoding SDKs use for streaming SigV4 uploads
// (x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] or
// STREAMING-UNSIGNED-PAYLOAD-TRAILER): the object arrives as
//   <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n ... 0[;...]\r\n
// followed by optional trailer lines ("x-amz-checksum-crc32:<b64>") and a
// blank line. Chunk signatures are not re-verified here (the request's own
// signature covered the seed); only the framing is checked.
#pragma once

#include <expected>
#include <map>
#include <string>
#include <string_view>

#include "aws/http.hpp"
#include "localcloud/api/api.hpp"

namespace spawn::localcloud {

struct ChunkedBody {
  std::string data;
  std::map<std::string, std::string, std::less<>> trailers;  // names lower-cased
};

// Whether `request` carries an aws-chunked body (by Content-Encoding or x-amz-content-sha256).
bool is_aws_chunked(const aws::HttpRequest& request);

// The data and trailers of an aws-chunked `body`; broken framing is IncompleteBody.
std::expected<ChunkedBody, ApiError> decode_aws_chunked(std::string_view body);

// `content_encoding` without the aws-chunked token ("aws-chunked,gzip" -> "gzip").
std::string without_aws_chunked(std::string_view content_encoding);

}  // namespace spawn::localcloud
