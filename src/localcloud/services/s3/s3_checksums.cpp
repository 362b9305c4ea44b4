#include "localcloud/services/s3/s3_checksums.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>
#include <cstdint>

#include "util/encoding.hpp"

namespace spawn::localcloud {

namespace {

constexpr std::uint32_t kCrc32Polynomial = 0xEDB88320;  // reflected 0x04C11DB7

std::string md5_raw(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_md5(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest.data()), length);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return 0;
}

std::string hex_to_bytes(std::string_view hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes += static_cast<char>(hex_digit(hex[i]) * 16 + hex_digit(hex[i + 1]));
  return bytes;
}

std::array<std::uint32_t, 256> crc32_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t n = 0; n < table.size(); ++n) {
    std::uint32_t value = n;
    for (int bit = 0; bit < 8; ++bit)
      value = (value & 1) ? (value >> 1) ^ kCrc32Polynomial : value >> 1;
    table[n] = value;
  }
  return table;
}

}  // namespace

std::string md5_hex(std::string_view bytes) {
  return hex_encode(md5_raw(bytes));
}

std::string quoted_etag(std::string_view md5_hex_digits) {
  return fmt::format("\"{}\"", md5_hex_digits);
}

std::string multipart_etag(const std::vector<std::string>& part_md5s) {
  std::string digests;
  for (const std::string& part : part_md5s)
    digests += hex_to_bytes(part);
  return fmt::format("\"{}-{}\"", md5_hex(digests), part_md5s.size());
}

std::string crc32_base64(std::string_view bytes) {
  static const std::array<std::uint32_t, 256> table = crc32_table();
  std::uint32_t crc = 0xFFFFFFFF;
  for (char byte : bytes)
    crc = table[(crc ^ static_cast<std::uint8_t>(byte)) & 0xFF] ^ (crc >> 8);
  crc ^= 0xFFFFFFFF;
  std::string big_endian;
  for (int shift = 24; shift >= 0; shift -= 8)
    big_endian += static_cast<char>((crc >> shift) & 0xFF);
  return base64_encode(big_endian);
}

}  // namespace spawn::localcloud
