#include "localcloud/services/s3/s3_payload.hpp"

#include <charconv>
#include <optional>

#include "localcloud/services/s3/aws_chunked.hpp"
#include "localcloud/services/s3/s3_checksums.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {

namespace {

constexpr std::size_t kMd5Length = 16;
constexpr std::string_view kCrc32Header = "x-amz-checksum-crc32";

ApiError bad_digest(std::string_view what) {
  return client_error("BadDigest", std::string("The ") + std::string(what) +
                                       " you specified did not match the calculated checksum.");
}

std::expected<void, ApiError> check_md5(std::optional<std::string_view> content_md5,
                                        std::string_view md5_hex_digits) {
  if (!content_md5)
    return {};
  auto digest = base64_decode(trim(*content_md5));
  if (!digest || digest->size() != kMd5Length)
    return std::unexpected(
        client_error("InvalidDigest", "The Content-MD5 you specified was invalid."));
  if (hex_encode(*digest) != md5_hex_digits) {
    return std::unexpected(
        client_error("BadDigest", "The Content-MD5 you specified did not match what we received."));
  }
  return {};
}

std::expected<void, ApiError> check_decoded_length(const aws::HttpRequest& request,
                                                   std::size_t decoded) {
  auto declared = request.header("x-amz-decoded-content-length");
  if (!declared)
    return {};
  std::string_view text = trim(*declared);
  std::size_t length = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), length);
  if (error != std::errc{} || end != text.data() + text.size() || length != decoded) {
    return std::unexpected(client_error(
        "IncompleteBody",
        "You did not provide the number of bytes specified by the x-amz-decoded-content-length "
        "HTTP header"));
  }
  return {};
}

// The data of the body and the CRC32 the client claims for it (header or trailer).
std::expected<ReceivedBody, ApiError> unwrap(const aws::HttpRequest& request) {
  ReceivedBody received;
  if (auto header = request.header(kCrc32Header))
    received.checksum_crc32 = trim(*header);
  if (!is_aws_chunked(request)) {
    received.bytes = request.body;
    return received;
  }
  auto chunked = decode_aws_chunked(request.body);
  if (!chunked)
    return std::unexpected(chunked.error());
  if (auto trailer = chunked->trailers.find(kCrc32Header); trailer != chunked->trailers.end())
    received.checksum_crc32 = trailer->second;
  if (auto length = check_decoded_length(request, chunked->data.size()); !length)
    return std::unexpected(length.error());
  received.bytes = std::move(chunked->data);
  return received;
}

}  // namespace

std::expected<ReceivedBody, ApiError> receive_body(const aws::HttpRequest& request) {
  auto received = unwrap(request);
  if (!received)
    return received;
  received->md5_hex = md5_hex(received->bytes);
  if (auto md5 = check_md5(request.header("Content-MD5"), received->md5_hex); !md5)
    return std::unexpected(md5.error());
  if (!received->checksum_crc32.empty() &&
      received->checksum_crc32 != crc32_base64(received->bytes)) {
    return std::unexpected(bad_digest("CRC32"));
  }
  return received;
}

std::expected<void, ApiError> check_content_md5(const aws::HttpRequest& request) {
  return check_md5(request.header("Content-MD5"), md5_hex(request.body));
}

}  // namespace spawn::localcloud
