// OpenSSL 3 looks algorithms up by name; fetching them once per process keeps
// that lookup out of the per-request signing path (five HMACs per signature).
// OpenSSL only fails here when it cannot allocate, which is reported like any
// other allocation failure in C++: std::bad_alloc.
#include "util/crypto.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <new>

#include "util/encoding.hpp"

namespace spawn {

namespace {

const EVP_MD* fetched_digest(const char* name) {
  const EVP_MD* digest = EVP_MD_fetch(nullptr, name, nullptr);
  if (digest == nullptr)
    throw std::bad_alloc();
  return digest;
}

const EVP_MD* sha256_md() {
  static const EVP_MD* const digest = fetched_digest("SHA256");
  return digest;
}

const EVP_MD* md5_md() {
  static const EVP_MD* const digest = fetched_digest("MD5");
  return digest;
}

const EVP_MD* sha1_md() {
  static const EVP_MD* const digest = fetched_digest("SHA1");
  return digest;
}

EVP_MAC* hmac_algorithm() {
  static EVP_MAC* const mac = [] {
    EVP_MAC* fetched = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (fetched == nullptr)
      throw std::bad_alloc();
    return fetched;
  }();
  return mac;
}

template <std::size_t Size>
std::array<std::uint8_t, Size> digest_of(const EVP_MD* digest, std::string_view data) {
  std::array<std::uint8_t, Size> out{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &length, digest, nullptr) != 1) {
    throw std::bad_alloc();
  }
  return out;
}

}  // namespace

Sha256Digest sha256(std::string_view data) {
  return digest_of<std::tuple_size_v<Sha256Digest>>(sha256_md(), data);
}

std::string sha256_hex(std::string_view data) {
  return hex_encode(sha256(data));
}

Sha256Digest hmac_sha256(std::span<const std::uint8_t> key, std::string_view data) {
  EVP_MAC_CTX* context = EVP_MAC_CTX_new(hmac_algorithm());
  if (context == nullptr)
    throw std::bad_alloc();
  char digest_name[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                         OSSL_PARAM_construct_end()};
  // A null key pointer would mean "keep the previous key" to OpenSSL; an empty key is valid.
  static constexpr std::uint8_t kNoKeyBytes = 0;
  const std::uint8_t* key_bytes = key.empty() ? &kNoKeyBytes : key.data();
  Sha256Digest out{};
  std::size_t length = 0;
  bool ok = EVP_MAC_init(context, key_bytes, key.size(), params) == 1 &&
            EVP_MAC_update(context, reinterpret_cast<const unsigned char*>(data.data()),
                           data.size()) == 1 &&
            EVP_MAC_final(context, out.data(), &length, out.size()) == 1;
  EVP_MAC_CTX_free(context);
  if (!ok)
    throw std::bad_alloc();
  return out;
}

Sha256Digest hmac_sha256(std::string_view key, std::string_view data) {
  return hmac_sha256(std::span(reinterpret_cast<const std::uint8_t*>(key.data()), key.size()),
                     data);
}

std::string sha1_hex(std::string_view data) {
  constexpr std::size_t kSha1Size = 20;
  return hex_encode(digest_of<kSha1Size>(sha1_md(), data));
}

std::string md5_base64(std::string_view data) {
  constexpr std::size_t kMd5Size = 16;
  auto digest = digest_of<kMd5Size>(md5_md(), data);
  return base64_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), kMd5Size));
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace spawn
