// create_local_key: ssh-keygen makes the key, so the private key is written in
// OpenSSH's own format with the modes ssh expects (0600 private, 0644 public), and
// spawn never handles private key bytes itself.
#include <fmt/format.h>

#include <chrono>

#include "platform/process.hpp"
#include "spawn/ops/ssh_key.hpp"
#include "util/strings.hpp"

namespace spawn::ops {
namespace {

namespace fs = std::filesystem;

// ED25519 key generation takes milliseconds; this only stops a hung ssh-keygen.
constexpr std::chrono::seconds kSshKeygenTimeout{30};

Result<void> refuse_existing(const fs::path& path) {
  std::error_code ignored;
  if (fs::symlink_status(path, ignored).type() == fs::file_type::not_found)
    return {};
  return fail(ErrorKind::conflict,
              fmt::format("{} exists already; spawn does not overwrite SSH keys", path.string()),
              "Pass that key with --ssh-key, or move it away and run spawn again.");
}

// ~/.ssh with mode 0700 when it is missing; an existing folder keeps its mode.
Result<void> make_ssh_folder(const fs::path& folder) {
  std::error_code error;
  if (fs::is_directory(folder, error))
    return {};
  if (fs::create_directory(folder, error))
    fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, error);
  if (error) {
    return fail(ErrorKind::io,
                fmt::format("cannot create the folder {}: {}", folder.string(), error.message()));
  }
  return {};
}

Result<void> run_ssh_keygen(const fs::path& private_key) {
  std::vector<std::string> argv = {
      "ssh-keygen", "-t", "ed25519", "-N", "", "-C", "spawn", "-f", private_key.string(), "-q"};
  platform::ProcessOptions options;
  options.timeout = kSshKeygenTimeout;
  auto ran = platform::run_process(argv, options);
  if (!ran && ran.error().kind == ErrorKind::not_found) {
    return fail(ErrorKind::not_found,
                "ssh-keygen is not installed, so spawn cannot create an SSH key",
                "Install OpenSSH (Debian and Ubuntu: apt install openssh-client), or pass an "
                "existing key with --ssh-key.");
  }
  if (!ran)
    return std::unexpected(ran.error());
  if (ran->exit_code != 0) {
    return fail(ErrorKind::io, fmt::format("ssh-keygen could not create {}: {}",
                                           private_key.string(), trim(ran->error_output)));
  }
  return {};
}

}  // namespace

Result<LocalKey> create_local_key(const fs::path& home) {
  fs::path folder = home / ".ssh";
  fs::path private_key = folder / "id_ed25519";
  fs::path public_key = folder / "id_ed25519.pub";
  for (const fs::path& path : {private_key, public_key}) {
    if (auto refused = refuse_existing(path); !refused)
      return std::unexpected(refused.error());
  }
  if (auto made = make_ssh_folder(folder); !made)
    return std::unexpected(made.error());
  if (auto generated = run_ssh_keygen(private_key); !generated)
    return std::unexpected(generated.error());
  auto key = find_local_key(home, private_key);
  if (!key)
    return std::unexpected(key.error());
  return std::move(**key);
}

}  // namespace spawn::ops
