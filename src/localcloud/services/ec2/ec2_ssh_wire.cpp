#include "localcloud/services/ec2/ec2_ssh_wire.hpp"

#include "util/crypto.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud {
namespace {

std::string digest(const EVP_MD* algorithm, std::string_view data) {
  unsigned char bytes[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), bytes, &length, algorithm, nullptr);
  return std::string(reinterpret_cast<const char*>(bytes), length);
}

}  // namespace

std::optional<std::uint32_t> SshReader::uint32() {
  if (data_.size() < 4)
    return std::nullopt;
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value = (value << 8) | static_cast<unsigned char>(data_[i]);
  data_.remove_prefix(4);
  return value;
}

std::optional<std::string_view> SshReader::string() {
  std::string_view before = data_;
  auto length = uint32();
  if (!length || data_.size() < *length) {
    data_ = before;
    return std::nullopt;
  }
  std::string_view value = data_.substr(0, *length);
  data_.remove_prefix(*length);
  return value;
}

std::optional<std::string_view> SshReader::mpint() {
  auto value = string();
  if (!value || (!value->empty() && (static_cast<unsigned char>(value->front()) & 0x80)))
    return std::nullopt;
  while (!value->empty() && value->front() == '\0')
    value->remove_prefix(1);
  return value;
}

void append_uint32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((value >> shift) & 0xff));
}

void append_string(std::string& out, std::string_view value) {
  append_uint32(out, static_cast<std::uint32_t>(value.size()));
  out.append(value);
}

void append_mpint(std::string& out, std::string_view magnitude) {
  while (!magnitude.empty() && magnitude.front() == '\0')
    magnitude.remove_prefix(1);
  std::string value;
  if (!magnitude.empty() && (static_cast<unsigned char>(magnitude.front()) & 0x80))
    value.push_back('\0');
  value.append(magnitude);
  append_string(out, value);
}

std::string md5_digest(std::string_view data) {
  return digest(EVP_md5(), data);
}

std::string sha1_digest(std::string_view data) {
  return digest(EVP_sha1(), data);
}

std::string colon_hex(std::string_view bytes) {
  std::string hex = hex_encode(bytes);
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    if (!out.empty())
      out += ':';
    out.append(hex, i, 2);
  }
  return out;
}

std::string sha256_fingerprint(std::string_view blob) {
  Sha256Digest hash = sha256(blob);
  return base64_encode(std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
}

}  // namespace spawn::localcloud
