#include "localcloud/services/s3/aws_chunked.hpp"

#include <charconv>
#include <vector>

#include "util/strings.hpp"

namespace spawn::localcloud {

namespace {

constexpr std::string_view kLineEnd = "\r\n";
constexpr std::string_view kStreamingPrefix = "STREAMING-";
constexpr std::string_view kChunkedToken = "aws-chunked";

ApiError incomplete_body() {
  return client_error("IncompleteBody",
                      "The request body is not valid aws-chunked encoding: the chunk framing is "
                      "broken or the body ends early.");
}

// Reads one line (without its CRLF) from the front of `rest`.
std::expected<std::string_view, ApiError> take_line(std::string_view& rest) {
  std::size_t end = rest.find(kLineEnd);
  if (end == std::string_view::npos)
    return std::unexpected(incomplete_body());
  std::string_view line = rest.substr(0, end);
  rest.remove_prefix(end + kLineEnd.size());
  return line;
}

// The size of the chunk that "<hex>[;extensions]" announces.
std::expected<std::size_t, ApiError> chunk_size(std::string_view header) {
  std::string_view digits = trim(header.substr(0, header.find(';')));
  std::size_t size = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), size, 16);
  if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size())
    return std::unexpected(incomplete_body());
  return size;
}

// Trailer lines "name:value" up to a blank line or the end of the body.
std::expected<void, ApiError> read_trailers(std::string_view rest, ChunkedBody& body) {
  while (!rest.empty()) {
    auto line = take_line(rest);
    if (!line)
      return std::unexpected(line.error());
    if (line->empty())
      return {};
    std::size_t colon = line->find(':');
    if (colon == std::string_view::npos)
      return std::unexpected(incomplete_body());
    body.trailers[to_lower(trim(line->substr(0, colon)))] = trim(line->substr(colon + 1));
  }
  return {};
}

}  // namespace

bool is_aws_chunked(const aws::HttpRequest& request) {
  if (request.header("x-amz-content-sha256").value_or("").starts_with(kStreamingPrefix))
    return true;
  for (const std::string& token : split(request.header("Content-Encoding").value_or(""), ',')) {
    if (iequals(trim(token), kChunkedToken))
      return true;
  }
  return false;
}

std::expected<ChunkedBody, ApiError> decode_aws_chunked(std::string_view body) {
  ChunkedBody decoded;
  std::string_view rest = body;
  while (true) {
    auto header = take_line(rest);
    if (!header)
      return std::unexpected(header.error());
    auto size = chunk_size(*header);
    if (!size)
      return std::unexpected(size.error());
    if (*size == 0)
      break;
    if (*size > rest.size() || rest.substr(*size, kLineEnd.size()) != kLineEnd)
      return std::unexpected(incomplete_body());
    decoded.data.append(rest.substr(0, *size));
    rest.remove_prefix(*size + kLineEnd.size());
  }
  if (auto trailers = read_trailers(rest, decoded); !trailers)
    return std::unexpected(trailers.error());
  return decoded;
}

std::string without_aws_chunked(std::string_view content_encoding) {
  std::vector<std::string> kept;
  for (const std::string& token : split(content_encoding, ',')) {
    std::string_view trimmed = trim(token);
    if (!trimmed.empty() && !iequals(trimmed, kChunkedToken))
      kept.emplace_back(trimmed);
  }
  return join(kept, ",");
}

}  // namespace spawn::localcloud
