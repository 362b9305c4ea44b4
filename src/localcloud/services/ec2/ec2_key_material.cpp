#include "localcloud/services/ec2/ec2_key_material.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include <memory>
#include <vector>

#include "localcloud/services/ec2/ec2_ssh_wire.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {
namespace {

constexpr int kMinRsaBits = 1024;
constexpr int kMaxRsaBits = 16384;
constexpr std::size_t kEd25519KeyBytes = 32;

using BigNum = OpenSslPointer<BIGNUM, BN_free>;
using ParamBuilder = OpenSslPointer<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>;
using Params = OpenSslPointer<OSSL_PARAM, OSSL_PARAM_free>;
using KeyContext = OpenSslPointer<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;

BigNum big_number(std::string_view magnitude) {
  return BigNum(BN_bin2bn(reinterpret_cast<const unsigned char*>(magnitude.data()),
                          static_cast<int>(magnitude.size()), nullptr));
}

// The RSA public key (e, n) as an OpenSSL key.
Result<OpenSslKey> rsa_public_key(std::string_view exponent, std::string_view modulus) {
  BigNum e = big_number(exponent);
  BigNum n = big_number(modulus);
  ParamBuilder builder(OSSL_PARAM_BLD_new());
  if (!e || !n || !builder ||
      !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
      !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get())) {
    return fail(ErrorKind::parse, "OpenSSL could not hold the RSA key");
  }
  Params params(OSSL_PARAM_BLD_to_param(builder.get()));
  KeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !context || EVP_PKEY_fromdata_init(context.get()) <= 0 ||
      EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) {
    return fail(ErrorKind::parse, "OpenSSL could not read the RSA key");
  }
  return OpenSslKey(key);
}

Result<std::string> rsa_imported_fingerprint(const SshPublicKey& key) {
  SshReader reader(key.blob);
  reader.string();  // the key type, checked when parsed
  auto exponent = reader.mpint();
  auto modulus = reader.mpint();
  auto public_key = rsa_public_key(exponent.value_or(""), modulus.value_or(""));
  if (!public_key)
    return std::unexpected(public_key.error());
  unsigned char* der = nullptr;
  int length = i2d_PUBKEY(public_key->get(), &der);
  if (length <= 0)
    return fail(ErrorKind::parse, "OpenSSL could not encode the RSA key");
  std::string spki(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return colon_hex(md5_digest(spki));
}

bool plausible_rsa(std::string_view blob) {
  SshReader reader(blob);
  reader.string();
  auto exponent = reader.mpint();
  auto modulus = reader.mpint();
  if (!exponent || !modulus || !reader.at_end() || exponent->empty())
    return false;
  int bits = static_cast<int>(modulus->size()) * 8;
  return bits >= kMinRsaBits && bits <= kMaxRsaBits;
}

bool plausible_ed25519(std::string_view blob) {
  SshReader reader(blob);
  reader.string();
  auto point = reader.string();
  return point && point->size() == kEd25519KeyBytes && reader.at_end();
}

}  // namespace

std::string_view key_type_name(KeyAlgorithm algorithm) {
  return algorithm == KeyAlgorithm::ed25519 ? "ed25519" : "rsa";
}

std::optional<SshPublicKey> parse_openssh_public_key(std::string_view line) {
  std::vector<std::string> fields = split(trim(line), ' ');
  if (fields.size() < 2)
    return std::nullopt;
  auto blob = base64_decode(fields[1]);
  if (!blob)
    return std::nullopt;
  SshReader reader(*blob);
  auto blob_type = reader.string();
  if (!blob_type || *blob_type != fields[0])
    return std::nullopt;
  SshPublicKey key{KeyAlgorithm::rsa, *blob, fields[0] + " " + fields[1]};
  if (fields[0] == kSshRsa && plausible_rsa(*blob))
    return key;
  if (fields[0] == kSshEd25519 && plausible_ed25519(*blob)) {
    key.algorithm = KeyAlgorithm::ed25519;
    return key;
  }
  return std::nullopt;
}

Result<std::string> imported_key_fingerprint(const SshPublicKey& key) {
  if (key.algorithm == KeyAlgorithm::ed25519)
    return sha256_fingerprint(key.blob);
  return rsa_imported_fingerprint(key);
}

}  // namespace spawn::localcloud
