// New key pairs for CreateKeyPair. RSA keys are handed out as PKCS#1 PEM
// ("BEGIN RSA PRIVATE KEY"), as EC2 does; ed25519 keys in OpenSSH's own
// private key format ("openssh-key-v1", unencrypted), which is what EC2 hands
// out for them and the only form OpenSSH reads for ed25519.
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include "localcloud/services/ec2/ec2_key_material.hpp"
#include "localcloud/services/ec2/ec2_ssh_wire.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud {
namespace {

constexpr int kRsaBits = 2048;
constexpr std::size_t kPemLineLength = 70;
constexpr std::size_t kCipherBlockSize = 8;  // "none" pads to 8 bytes
constexpr std::string_view kOpenSshMagic{"openssh-key-v1\0", 15};

void free_bio(BIO* bio) {
  BIO_free(bio);
}
using Bio = OpenSslPointer<BIO, free_bio>;

std::string bio_contents(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(length));
}

std::string openssh_line(std::string_view type, std::string_view blob) {
  return std::string(type) + " " + base64_encode(blob);
}

std::optional<std::string> big_number_param(EVP_PKEY* key, const char* name) {
  BIGNUM* value = nullptr;
  if (!EVP_PKEY_get_bn_param(key, name, &value))
    return std::nullopt;
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(value)), '\0');
  BN_bn2bin(value, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(value);
  return bytes;
}

Result<NewKeyPair> rsa_key_pair() {
  OpenSslKey key(EVP_RSA_gen(kRsaBits));
  Bio pem(BIO_new(BIO_s_mem()));
  Bio pkcs8(BIO_new(BIO_s_mem()));
  auto exponent = key ? big_number_param(key.get(), OSSL_PKEY_PARAM_RSA_E) : std::nullopt;
  auto modulus = key ? big_number_param(key.get(), OSSL_PKEY_PARAM_RSA_N) : std::nullopt;
  if (!key || !pem || !pkcs8 || !exponent || !modulus ||
      !PEM_write_bio_PrivateKey_traditional(pem.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                            nullptr) ||
      !i2d_PKCS8PrivateKey_bio(pkcs8.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)) {
    return fail(ErrorKind::io, "OpenSSL could not make an RSA key");
  }
  std::string blob;
  append_string(blob, kSshRsa);
  append_mpint(blob, *exponent);
  append_mpint(blob, *modulus);
  return NewKeyPair{{KeyAlgorithm::rsa, blob, openssh_line(kSshRsa, blob)},
                    bio_contents(pem.get()),
                    colon_hex(sha1_digest(bio_contents(pkcs8.get())))};
}

std::string wrap_pem(std::string_view label, std::string_view der) {
  std::string encoded = base64_encode(der);
  std::string pem = "-----BEGIN " + std::string(label) + "-----\n";
  for (std::size_t i = 0; i < encoded.size(); i += kPemLineLength)
    pem += encoded.substr(i, kPemLineLength) + "\n";
  return pem + "-----END " + std::string(label) + "-----\n";
}

// OpenSSH's PROTOCOL.key format for one unencrypted ed25519 key.
std::string openssh_private_key(std::string_view blob, std::string_view public_point,
                                std::string_view seed) {
  std::uint32_t check = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&check), sizeof check);
  std::string secret;
  append_uint32(secret, check);
  append_uint32(secret, check);
  append_string(secret, kSshEd25519);
  append_string(secret, public_point);
  append_string(secret, std::string(seed) + std::string(public_point));
  append_string(secret, "");  // comment
  for (char pad = 1; secret.size() % kCipherBlockSize != 0; ++pad)
    secret.push_back(pad);
  std::string body(kOpenSshMagic);
  append_string(body, "none");  // cipher
  append_string(body, "none");  // kdf
  append_string(body, "");      // kdf options
  append_uint32(body, 1);       // number of keys
  append_string(body, blob);
  append_string(body, secret);
  return wrap_pem("OPENSSH PRIVATE KEY", body);
}

Result<NewKeyPair> ed25519_key_pair() {
  OpenSslKey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  std::string public_point(32, '\0');
  std::string seed(32, '\0');
  std::size_t public_length = public_point.size();
  std::size_t seed_length = seed.size();
  if (!key ||
      !EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char*>(public_point.data()),
                                   &public_length) ||
      !EVP_PKEY_get_raw_private_key(key.get(), reinterpret_cast<unsigned char*>(seed.data()),
                                    &seed_length)) {
    return fail(ErrorKind::io, "OpenSSL could not make an ed25519 key");
  }
  std::string blob;
  append_string(blob, kSshEd25519);
  append_string(blob, public_point);
  return NewKeyPair{{KeyAlgorithm::ed25519, blob, openssh_line(kSshEd25519, blob)},
                    openssh_private_key(blob, public_point, seed),
                    sha256_fingerprint(blob)};
}

}  // namespace

Result<NewKeyPair> generate_key_pair(KeyAlgorithm algorithm) {
  return algorithm == KeyAlgorithm::ed25519 ? ed25519_key_pair() : rsa_key_pair();
}

}  // namespace spawn::localcloud
