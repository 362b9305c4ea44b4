// Byte-to-text encodings: hex and base64 for digests and blobs, and the two
// percent-encodings AWS uses (RFC 3986 for URIs and SigV4, form encoding for
// query-protocol bodies).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace spawn {

// Lower-case hex, two digits per byte.
std::string hex_encode(std::span<const std::uint8_t> bytes);
std::string hex_encode(std::string_view bytes);
// Standard base64 (RFC 4648 alphabet) with '=' padding.
std::string base64_encode(std::string_view bytes);
// Decodes padded standard base64; whitespace, a wrong length or a stray character is a parse error.
Result<std::string> base64_decode(std::string_view text);

// Whether uri_encode leaves '/' alone (URI paths) or encodes it (query keys and values).
enum class Slash { keep, encode };
// RFC 3986 percent-encoding as SigV4 wants it: A-Z a-z 0-9 - . _ ~ stay, every other byte
// becomes %XX with upper-case hex (so UTF-8 text is encoded byte by byte).
std::string uri_encode(std::string_view text, Slash slash = Slash::encode);
// application/x-www-form-urlencoded as botocore writes query bodies: space becomes '+',
// A-Z a-z 0-9 - . _ ~ stay, everything else %XX.
std::string form_encode(std::string_view text);

// Whether percent_decode turns '+' into a space (form bodies) or keeps it (URI parts).
enum class PlusMeans { plus, space };
// Reverses %XX escapes; a '%' not followed by two hex digits is a parse error.
Result<std::string> percent_decode(std::string_view text, PlusMeans plus);

}  // namespace spawn
