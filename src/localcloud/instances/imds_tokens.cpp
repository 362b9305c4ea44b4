#include "localcloud/instances/imds_tokens.hpp"

#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <cstdint>

#include "util/crypto.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud {

namespace {

constexpr std::size_t kKeyBytes = 32;
constexpr char kSeparator = '.';

}  // namespace

TokenIssuer::TokenIssuer() {
  std::array<unsigned char, kKeyBytes> bytes{};
  RAND_bytes(bytes.data(), static_cast<int>(bytes.size()));
  key_.assign(bytes.begin(), bytes.end());
}

std::string TokenIssuer::issue(SystemTime expires) const {
  auto payload = std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>(expires.time_since_epoch()).count());
  return base64_encode(payload + kSeparator + mac(payload));
}

bool TokenIssuer::accepts(std::string_view token, SystemTime now) const {
  auto decoded = base64_decode(token);
  if (!decoded) {
    return false;
  }
  auto separator = decoded->find(kSeparator);
  if (separator == std::string::npos) {
    return false;
  }
  auto payload = std::string_view(*decoded).substr(0, separator);
  std::int64_t expires = 0;
  auto [end, error] = std::from_chars(payload.data(), payload.data() + payload.size(), expires);
  return error == std::errc() && end == payload.data() + payload.size() &&
         constant_time_equals(std::string_view(*decoded).substr(separator + 1), mac(payload)) &&
         now < SystemTime(std::chrono::seconds(expires));
}

std::string TokenIssuer::mac(std::string_view payload) const {
  auto digest = hmac_sha256(key_, payload);
  return hex_encode(digest);
}

}  // namespace spawn::localcloud
