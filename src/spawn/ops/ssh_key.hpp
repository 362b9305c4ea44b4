// The user's SSH key on this machine, for `spawn launch` (spec §3.7): the one named by
// --ssh-key, else ~/.ssh/id_ed25519, else ~/.ssh/id_rsa; and a fresh ED25519 key when
// there is none. Only RSA and ED25519 keys qualify, because EC2 imports nothing else.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::ops {

struct LocalKey {
  // Empty when --ssh-key named a .pub file with no private key beside it (an agent or a
  // hardware token holds the private half); ssh then finds it through the agent.
  std::filesystem::path private_key;
  std::filesystem::path public_key;
  std::string public_key_line;  // "ssh-ed25519 AAAA… comment", trimmed
  std::string type;             // "ssh-ed25519" or "ssh-rsa"
  std::string fingerprint;      // as EC2 shows it for the key once imported
};

// The key to use. `explicit_key` (--ssh-key, "~/" already expanded) may name the private key
// or its .pub and must exist (ErrorKind::usage otherwise, saying what to do); without it
// the first of ~/.ssh/id_ed25519 and ~/.ssh/id_rsa that has its .pub beside it; nullopt when
// neither does. A key EC2 cannot import is ErrorKind::usage, an unreadable .pub parse or io.
Result<std::optional<LocalKey>> find_local_key(
    const std::filesystem::path& home, const std::optional<std::filesystem::path>& explicit_key);

// Creates ~/.ssh/id_ed25519 and its .pub with ssh-keygen (no passphrase, comment "spawn"),
// making ~/.ssh with mode 0700 first when it is missing. Never overwrites: an existing
// file is ErrorKind::conflict. No ssh-keygen on PATH is ErrorKind::not_found.
Result<LocalKey> create_local_key(const std::filesystem::path& home);

// The local user's name for key pair names: $USER, else $USERNAME, else "user", lower-cased
// and reduced to [a-z0-9_-] ("user" when nothing is left).
std::string local_username(const Environment& env);

}  // namespace spawn::ops
