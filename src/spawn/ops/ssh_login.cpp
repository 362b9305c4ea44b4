#include "spawn/ops/ssh_login.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <system_error>

#include "util/strings.hpp"

namespace spawn::ops {

namespace {

constexpr std::array<std::string_view, 3> kDefaultKeys = {"id_ed25519", "id_rsa", "id_ecdsa"};
constexpr std::array<std::string_view, 3> kKeySuffixes = {"", ".pem", ".key"};

bool is_key_file(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

// A --key value that is a path rather than a name to look up in ~/.ssh.
bool names_a_path(const std::filesystem::path& key) {
  std::string text = key.string();
  return key.is_absolute() || text.find('/') != std::string::npos || text.starts_with("~");
}

std::filesystem::path expand_home(const std::filesystem::path& key,
                                  const std::filesystem::path& home) {
  std::string text = key.string();
  if (text == "~")
    return home;
  if (text.starts_with("~/"))
    return home / text.substr(2);
  return key;
}

// ~/.ssh/<name>, <name>.pem, <name>.key, in that order.
void add_named_candidates(std::vector<std::filesystem::path>& candidates,
                          const std::filesystem::path& ssh_dir, std::string_view name) {
  for (auto suffix : kKeySuffixes)
    candidates.push_back(ssh_dir / (std::string(name) + std::string(suffix)));
}

std::optional<std::filesystem::path> first_existing(
    const std::vector<std::filesystem::path>& candidates) {
  for (const auto& candidate : candidates) {
    if (is_key_file(candidate))
      return candidate;
  }
  return std::nullopt;
}

std::string listed(const std::vector<std::filesystem::path>& candidates) {
  std::vector<std::string> names;
  names.reserve(candidates.size());
  for (const auto& candidate : candidates)
    names.push_back(candidate.string());
  return fmt::format("{}", fmt::join(names, ", "));
}

Result<std::filesystem::path> find_given_key(const std::filesystem::path& key,
                                             const std::filesystem::path& home) {
  std::vector<std::filesystem::path> candidates;
  if (names_a_path(key)) {
    candidates.push_back(expand_home(key, home));
  } else {
    add_named_candidates(candidates, home / ".ssh", key.string());
  }
  if (auto found = first_existing(candidates))
    return *found;
  return fail(ErrorKind::not_found,
              fmt::format("the SSH key {} does not exist (looked for {})", key.string(),
                          listed(candidates)),
              "Give the path of the private key with --key, or leave --key out to use the "
              "instance's key pair or ~/.ssh/id_ed25519.");
}

}  // namespace

Result<std::filesystem::path> find_login_key(std::string_view key_name,
                                             const std::optional<std::filesystem::path>& key,
                                             const std::filesystem::path& home) {
  if (key)
    return find_given_key(*key, home);
  auto ssh_dir = home / ".ssh";
  std::vector<std::filesystem::path> candidates;
  if (!key_name.empty())
    add_named_candidates(candidates, ssh_dir, key_name);
  for (auto name : kDefaultKeys)
    candidates.push_back(ssh_dir / name);
  if (auto found = first_existing(candidates))
    return *found;
  std::string what = key_name.empty()
                         ? std::string("the instance has no key pair and no default SSH key exists")
                         : fmt::format("no private key for the key pair {} was found", key_name);
  return fail(ErrorKind::not_found, fmt::format("{} (looked for {})", what, listed(candidates)),
              "Give the private key with --key PATH, or use --session-manager.");
}

std::string default_login_user(std::string_view image_name) {
  std::string name = to_lower(image_name);
  if (name.find("ubuntu") != std::string::npos)
    return "ubuntu";
  if (name.find("debian") != std::string::npos)
    return "admin";
  if (name.find("centos") != std::string::npos)
    return "centos";
  // Amazon Linux (amzn, al2023), RHEL, Fedora and anything unknown.
  return "ec2-user";
}

std::vector<std::string> ssh_command(const SshLogin& login,
                                     const std::vector<std::string>& remote_command) {
  std::vector<std::string> argv{"ssh",
                                "-i",
                                login.key.string(),
                                "-p",
                                std::to_string(login.port),
                                "-o",
                                "StrictHostKeyChecking=accept-new",
                                "-o",
                                "ConnectTimeout=10"};
  if (!remote_command.empty()) {
    argv.emplace_back("-o");
    argv.emplace_back("BatchMode=yes");
  }
  argv.insert(argv.end(), login.extra_args.begin(), login.extra_args.end());
  // "--" ends ssh's options, so no destination can be read as one.
  argv.emplace_back("--");
  argv.push_back(login.user + "@" + login.host);
  // ssh joins these words with spaces for the remote shell; callers quote them.
  argv.insert(argv.end(), remote_command.begin(), remote_command.end());
  return argv;
}

}  // namespace spawn::ops
