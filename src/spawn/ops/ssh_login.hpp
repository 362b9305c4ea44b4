// Logging in to an instance with the system `ssh`: which private key to use, which
// user the image expects, and the argv that runs ssh. Pure functions over a home
// folder and names, so `connect`, `status` and `extend`'s reload share one policy.
// Key search order (spec §7 and the README): the `--key` given (a path, or a bare
// name looked up in ~/.ssh), else the instance's key pair name in ~/.ssh as is, with
// `.pem`, with `.key`, else the default keys id_ed25519, id_rsa, id_ecdsa. spawn
// imports ~/.ssh/id_ed25519 or id_rsa under `spawn-<user>-<hash>`, so those keys are
// found by the defaults even though no file carries the key pair's name.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace spawn::ops {

inline constexpr int kDefaultSshPort = 22;

// What the user asked for on the command line (`--user`, `--key`, `--port`, `-- args`).
struct SshOptions {
  std::string user;                          // empty: derive from the image
  std::optional<std::filesystem::path> key;  // a path, or a bare name searched in ~/.ssh
  int port = kDefaultSshPort;
  std::vector<std::string> extra_args;  // passed to ssh before the destination
};

// Everything ssh needs to reach one instance, resolved.
struct SshLogin {
  std::string host;  // public IP or DNS name
  std::string user;
  std::filesystem::path key;
  int port = kDefaultSshPort;
  std::vector<std::string> extra_args;
};

// The private key file to log in with, in the order above (first existing file wins).
// ErrorKind::not_found naming the places searched when none exists, or when `key` was
// given and does not exist (an explicit choice is never silently replaced).
Result<std::filesystem::path> find_login_key(std::string_view key_name,
                                             const std::optional<std::filesystem::path>& key,
                                             const std::filesystem::path& home);

// The login user the image's distribution creates: Amazon Linux, RHEL, Fedora →
// ec2-user; Ubuntu → ubuntu; Debian → admin; CentOS → centos; anything else ec2-user.
std::string default_login_user(std::string_view image_name);

// The argv for the system ssh: interactive when `remote_command` is empty, else the
// command runs non-interactively (BatchMode, so a missing key fails instead of asking).
std::vector<std::string> ssh_command(const SshLogin& login,
                                     const std::vector<std::string>& remote_command);

}  // namespace spawn::ops
