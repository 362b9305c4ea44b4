// Reading OpenSSH public key lines and computing the fingerprint EC2 shows for an
// imported key, so spawn can find a key the user imported before with one
// DescribeKeyPairs filter instead of importing it again. EC2's fingerprints depend on
// the key type (AWS's "verify your key pair's fingerprint" guide):
//   - RSA: MD5 of the DER SubjectPublicKeyInfo, lower-case hex pairs joined by ':'
//     (`ssh-keygen -e -m PKCS8 | openssl pkey -pubin -outform DER | openssl md5 -c`);
//     not what `ssh-keygen -l -E md5` prints, which hashes the SSH blob;
//   - ED25519: base64 of the SHA-256 of the SSH key blob, with '=' padding
//     (`ssh-keygen -l` prints the same digest without the padding).
#pragma once

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace spawn::ops {

inline constexpr std::string_view kSshRsa = "ssh-rsa";
inline constexpr std::string_view kSshEd25519 = "ssh-ed25519";

// One OpenSSH public key line ("ssh-ed25519 AAAA… comment"), taken apart.
struct SshPublicKey {
  std::string type;         // "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", ...
  std::string blob_base64;  // the second field as written
  std::string blob;         // the SSH wire-format key it encodes
};

// Splits and decodes a public key line. ErrorKind::parse when it is not one (the blob is
// not base64, or names another type than the line does). Any key type is accepted here.
Result<SshPublicKey> parse_public_key_line(std::string_view line);

// Whether EC2's ImportKeyPair takes keys of `type` (RSA and ED25519 only).
bool importable_key_type(std::string_view type);

// The fingerprint EC2 reports for `key` once imported. ErrorKind::usage for a type EC2
// cannot import, ErrorKind::parse for a blob that does not hold a key of its type.
Result<std::string> imported_key_fingerprint(const SshPublicKey& key);
// The same for a whole public key line.
Result<std::string> imported_key_fingerprint(std::string_view public_key_line);

}  // namespace spawn::ops
