// The pieces of SSH's key formats (RFC 4251 §5: uint32 lengths, strings,
// mpints) and the digests the key pair fingerprints are made of, shared by
// reading imported keys and writing new ones.
#pragma once

#include <openssl/evp.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace spawn::localcloud {

inline constexpr std::string_view kSshRsa = "ssh-rsa";
inline constexpr std::string_view kSshEd25519 = "ssh-ed25519";

// An OpenSSL object that frees itself with `Free`.
template <class T, void (*Free)(T*)>
struct OpenSslFree {
  void operator()(T* pointer) const { Free(pointer); }
};
template <class T, void (*Free)(T*)>
using OpenSslPointer = std::unique_ptr<T, OpenSslFree<T, Free>>;
using OpenSslKey = OpenSslPointer<EVP_PKEY, EVP_PKEY_free>;

// Reads SSH wire-format fields in order; a field past the end reads as nullopt.
class SshReader {
 public:
  explicit SshReader(std::string_view data) : data_(data) {}
  std::optional<std::uint32_t> uint32();
  std::optional<std::string_view> string();
  // An mpint's magnitude, big-endian, without leading zero bytes (negative numbers: nullopt).
  std::optional<std::string_view> mpint();
  bool at_end() const { return data_.empty(); }
  std::string_view rest() const { return data_; }

 private:
  std::string_view data_;
};

void append_uint32(std::string& out, std::uint32_t value);
void append_string(std::string& out, std::string_view value);
// Appends the unsigned big-endian `magnitude` as an mpint.
void append_mpint(std::string& out, std::string_view magnitude);

// Digests of `data` as raw bytes.
std::string md5_digest(std::string_view data);
std::string sha1_digest(std::string_view data);
// "c8:67:f9:…": lower-case hex pairs joined by colons.
std::string colon_hex(std::string_view bytes);
// Base64 of the SHA-256 of `blob`, with padding.
std::string sha256_fingerprint(std::string_view blob);

}  // namespace spawn::localcloud
