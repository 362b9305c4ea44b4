// The SSH blob is RFC 4253 §6.6: a string naming the type, then for RSA the mpints
// e and n, for ED25519 a 32-byte string. The RSA fingerprint needs the key re-encoded
// as DER SubjectPublicKeyInfo, which OpenSSL writes once it holds (n, e).
#include "spawn/ops/ssh_key_fingerprint.hpp"

#include <fmt/format.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include <cstdint>
#include <memory>
#include <new>
#include <optional>

#include "util/crypto.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

namespace spawn::ops {
namespace {

constexpr std::size_t kEd25519KeyBytes = 32;
constexpr std::size_t kMd5Bytes = 16;
constexpr std::string_view kFieldSeparators = " \t";

// Reads RFC 4251 §5 fields in order; a field running past the end reads as nullopt.
class SshFieldReader {
 public:
  explicit SshFieldReader(std::string_view data) : data_(data) {}

  std::optional<std::string_view> string() {
    constexpr std::size_t kLengthBytes = 4;
    if (data_.size() < kLengthBytes)
      return std::nullopt;
    std::uint32_t length = 0;
    for (std::size_t i = 0; i < kLengthBytes; ++i)
      length = (length << 8) | static_cast<std::uint8_t>(data_[i]);
    data_.remove_prefix(kLengthBytes);
    if (data_.size() < length)
      return std::nullopt;
    std::string_view field = data_.substr(0, length);
    data_.remove_prefix(length);
    return field;
  }

  // A non-negative mpint's magnitude without leading zero bytes; nullopt for negative ones.
  std::optional<std::string_view> mpint() {
    auto field = string();
    if (!field || (!field->empty() && (static_cast<std::uint8_t>(field->front()) & 0x80)))
      return std::nullopt;
    while (!field->empty() && field->front() == '\0')
      field->remove_prefix(1);
    return field;
  }

  bool at_end() const { return data_.empty(); }

 private:
  std::string_view data_;
};

template <class T, void (*Free)(T*)>
struct OpenSslDeleter {
  void operator()(T* pointer) const { Free(pointer); }
};
template <class T, void (*Free)(T*)>
using OpenSslPointer = std::unique_ptr<T, OpenSslDeleter<T, Free>>;

using BigNumber = OpenSslPointer<BIGNUM, BN_free>;
using ParamBuilder = OpenSslPointer<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>;
using Params = OpenSslPointer<OSSL_PARAM, OSSL_PARAM_free>;
using KeyContext = OpenSslPointer<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using Key = OpenSslPointer<EVP_PKEY, EVP_PKEY_free>;

BigNumber big_number(std::string_view magnitude) {
  return BigNumber(BN_bin2bn(reinterpret_cast<const unsigned char*>(magnitude.data()),
                             static_cast<int>(magnitude.size()), nullptr));
}

Result<Key> rsa_key(std::string_view exponent, std::string_view modulus) {
  BigNumber e = big_number(exponent);
  BigNumber n = big_number(modulus);
  ParamBuilder builder(OSSL_PARAM_BLD_new());
  if (!e || !n || !builder ||
      !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
      !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get())) {
    return fail(ErrorKind::parse, "OpenSSL could not hold the RSA public key");
  }
  Params params(OSSL_PARAM_BLD_to_param(builder.get()));
  KeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !context || EVP_PKEY_fromdata_init(context.get()) <= 0 ||
      EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) {
    return fail(ErrorKind::parse, "OpenSSL could not read the RSA public key");
  }
  return Key(key);
}

Result<std::string> subject_public_key_info(const EVP_PKEY& key) {
  unsigned char* der = nullptr;
  int length = i2d_PUBKEY(&key, &der);
  if (length <= 0)
    return fail(ErrorKind::parse, "OpenSSL could not encode the RSA public key");
  std::string encoded(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return encoded;
}

// OpenSSL fails to hash only when it cannot allocate, reported as util/crypto.cpp does.
std::string colon_separated_md5(std::string_view data) {
  unsigned char digest[kMd5Bytes];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_md5(), nullptr) != 1)
    throw std::bad_alloc();
  std::string hex = hex_encode(std::string_view(reinterpret_cast<const char*>(digest), length));
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2)
    out += (i == 0 ? "" : ":") + hex.substr(i, 2);
  return out;
}

Error malformed_key(std::string_view type) {
  return Error{ErrorKind::parse, fmt::format("the {} public key is malformed", type), std::nullopt};
}

Result<std::string> rsa_fingerprint(const SshPublicKey& key) {
  SshFieldReader reader(key.blob);
  reader.string();
  auto exponent = reader.mpint();
  auto modulus = reader.mpint();
  if (!exponent || !modulus || exponent->empty() || modulus->empty() || !reader.at_end())
    return std::unexpected(malformed_key(key.type));
  auto rsa = rsa_key(*exponent, *modulus);
  if (!rsa)
    return std::unexpected(rsa.error());
  auto der = subject_public_key_info(**rsa);
  if (!der)
    return std::unexpected(der.error());
  return colon_separated_md5(*der);
}

Result<std::string> ed25519_fingerprint(const SshPublicKey& key) {
  SshFieldReader reader(key.blob);
  reader.string();
  auto point = reader.string();
  if (!point || point->size() != kEd25519KeyBytes || !reader.at_end())
    return std::unexpected(malformed_key(key.type));
  Sha256Digest digest = sha256(key.blob);
  return base64_encode(
      std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

}  // namespace

Result<SshPublicKey> parse_public_key_line(std::string_view line) {
  std::string_view rest = trim(line);
  std::size_t type_end = rest.find_first_of(kFieldSeparators);
  if (type_end == std::string_view::npos)
    return fail(ErrorKind::parse, "not an OpenSSH public key line (type, key, comment)");
  SshPublicKey key{std::string(rest.substr(0, type_end)), {}, {}};
  rest = trim(rest.substr(type_end));
  key.blob_base64 = std::string(rest.substr(0, rest.find_first_of(kFieldSeparators)));
  auto blob = base64_decode(key.blob_base64);
  if (!blob)
    return fail(ErrorKind::parse, "the key in the OpenSSH public key line is not base64");
  key.blob = std::move(*blob);
  auto blob_type = SshFieldReader(key.blob).string();
  if (!blob_type || *blob_type != key.type) {
    return fail(
        ErrorKind::parse,
        fmt::format("the OpenSSH public key line says {} but holds another key type", key.type));
  }
  return key;
}

bool importable_key_type(std::string_view type) {
  return type == kSshRsa || type == kSshEd25519;
}

Result<std::string> imported_key_fingerprint(const SshPublicKey& key) {
  if (key.type == kSshRsa)
    return rsa_fingerprint(key);
  if (key.type == kSshEd25519)
    return ed25519_fingerprint(key);
  return fail(ErrorKind::usage,
              fmt::format("EC2 imports only RSA and ED25519 keys, not {} keys", key.type));
}

Result<std::string> imported_key_fingerprint(std::string_view public_key_line) {
  auto key = parse_public_key_line(public_key_line);
  if (!key)
    return std::unexpected(key.error());
  return imported_key_fingerprint(*key);
}

}  // namespace spawn::ops
