// Key material for EC2 key pairs: OpenSSH public keys as ImportKeyPair receives
// them, new key pairs as CreateKeyPair hands them out, and the fingerprint EC2
// reports for each. EC2's fingerprints depend on where the key came from
// (AWS's KeyPairInfo documentation and its "verify the fingerprint" guide):
//   - imported RSA: MD5 of the DER SubjectPublicKeyInfo, colon-separated hex (what
//     `openssl pkey -pubin -outform DER | openssl md5 -c` prints; not the MD5 that
//     `ssh-keygen -l -E md5` prints, which hashes the SSH blob);
//   - created RSA: SHA-1 of the DER PKCS#8 private key, colon-separated hex;
//   - ed25519, imported or created: base64 SHA-256 of the SSH key blob, with padding
//     (`ssh-keygen -l` prints the same digest without the trailing '=').
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace spawn::localcloud {

enum class KeyAlgorithm { rsa, ed25519 };

// "rsa" or "ed25519", as EC2's KeyType spells them.
std::string_view key_type_name(KeyAlgorithm algorithm);

struct SshPublicKey {
  KeyAlgorithm algorithm = KeyAlgorithm::rsa;
  std::string blob;          // the SSH wire-format key
  std::string openssh_line;  // "ssh-ed25519 AAAA…", without the comment
};

// Reads an OpenSSH public key line ("ssh-rsa AAAA… comment"): RSA of 1024 bits or more,
// or ed25519. nullopt for anything else.
std::optional<SshPublicKey> parse_openssh_public_key(std::string_view line);

// EC2's fingerprint of an imported key (see above).
Result<std::string> imported_key_fingerprint(const SshPublicKey& key);

struct NewKeyPair {
  SshPublicKey public_key;
  std::string private_key;  // PEM: PKCS#1 for RSA, OpenSSH's own format for ed25519
  std::string fingerprint;
};

// A fresh key pair (RSA keys have 2048 bits), as CreateKeyPair answers it.
Result<NewKeyPair> generate_key_pair(KeyAlgorithm algorithm);

}  // namespace spawn::localcloud
