// Hashes and MACs through OpenSSL's EVP interface: SHA-256 and HMAC-SHA256 are
// SigV4's building blocks; SHA-1 names the SSO token cache files.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace spawn {

using Sha256Digest = std::array<std::uint8_t, 32>;

// The SHA-256 digest of `data`.
Sha256Digest sha256(std::string_view data);
// The SHA-256 digest of `data` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);
// HMAC-SHA256 of `data` under `key` (any length; a digest from an earlier step fits).
Sha256Digest hmac_sha256(std::span<const std::uint8_t> key, std::string_view data);
Sha256Digest hmac_sha256(std::string_view key, std::string_view data);
// The SHA-1 digest of `data` as 40 lower-case hex digits (not for security, only for names).
std::string sha1_hex(std::string_view data);
// Base64 of the MD5 of `data`, as S3's Content-MD5 header wants (integrity, not security).
std::string md5_base64(std::string_view data);
// Whether `a` equals `b`, in time that does not depend on where they differ (for signatures).
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace spawn
