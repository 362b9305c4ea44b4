#include "spawn/ops/ssh_key.hpp"

#include <fmt/format.h>

#include <array>

#include "spawn/ops/ssh_key_fingerprint.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace spawn::ops {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 2> kDefaultKeyNames = {"id_ed25519", "id_rsa"};
constexpr std::string_view kPublicSuffix = ".pub";
// What PuTTYgen and some SSH servers write (RFC 4716) instead of an OpenSSH line.
constexpr std::string_view kRfc4716Start = "---- BEGIN SSH2 PUBLIC KEY ----";

bool is_file(const fs::path& path) {
  std::error_code ignored;
  return fs::is_regular_file(path, ignored);
}

fs::path with_public_suffix(const fs::path& private_key) {
  return fs::path(private_key.string() + std::string(kPublicSuffix));
}

Error unusable_public_key(const fs::path& public_key, const fs::path& private_key,
                          std::string_view content, const Error& why) {
  std::string hint =
      content.starts_with(kRfc4716Start)
          ? fmt::format("It is in PuTTY's format; convert it with: ssh-keygen -i -f {}",
                        shell_quote(public_key.string()))
          : fmt::format(
                "It should hold one line like `ssh-ed25519 AAAA… comment`; rewrite it "
                "with: ssh-keygen -y -f {} > {}",
                shell_quote(private_key.string()), shell_quote(public_key.string()));
  return Error{ErrorKind::parse, fmt::format("{}: {}", public_key.string(), why.message),
               std::nullopt, std::move(hint)};
}

Error unimportable_key(const fs::path& public_key, std::string_view type) {
  return Error{ErrorKind::usage,
               fmt::format("{} is a {} key, and EC2 imports only RSA and ED25519 keys",
                           public_key.string(), type),
               std::nullopt,
               "Create an ED25519 key (ssh-keygen -t ed25519) and pass it with --ssh-key, or "
               "leave --ssh-key out to use ~/.ssh/id_ed25519 (spawn creates it when missing)."};
}

// Reads and checks the public half; `private_key` may be empty.
Result<LocalKey> load_local_key(const fs::path& private_key, const fs::path& public_key) {
  auto content = read_file(public_key);
  if (!content)
    return std::unexpected(content.error());
  std::string_view first_line = trim(std::string_view(*content).substr(0, content->find('\n')));
  auto parsed = parse_public_key_line(first_line);
  if (!parsed)
    return std::unexpected(unusable_public_key(public_key, private_key, *content, parsed.error()));
  if (!importable_key_type(parsed->type))
    return std::unexpected(unimportable_key(public_key, parsed->type));
  auto fingerprint = imported_key_fingerprint(*parsed);
  if (!fingerprint)
    return std::unexpected(
        unusable_public_key(public_key, private_key, *content, fingerprint.error()));
  return LocalKey{private_key, public_key, std::string(first_line), parsed->type, *fingerprint};
}

Result<LocalKey> explicit_local_key(const fs::path& named) {
  if (!is_file(named)) {
    return fail(ErrorKind::usage, fmt::format("the SSH key {} does not exist", named.string()),
                "Check the path given to --ssh-key (the private key or its .pub), or leave "
                "--ssh-key out to use ~/.ssh/id_ed25519 or ~/.ssh/id_rsa.");
  }
  if (named.extension() == kPublicSuffix) {
    fs::path private_key = named.parent_path() / named.stem();
    return load_local_key(is_file(private_key) ? private_key : fs::path(), named);
  }
  fs::path public_key = with_public_suffix(named);
  if (!is_file(public_key)) {
    return fail(ErrorKind::usage,
                fmt::format("the SSH key {} has no public key {} beside it", named.string(),
                            public_key.string()),
                fmt::format("Write it with: ssh-keygen -y -f {} > {}", shell_quote(named.string()),
                            shell_quote(public_key.string())));
  }
  return load_local_key(named, public_key);
}

}  // namespace

Result<std::optional<LocalKey>> find_local_key(const fs::path& home,
                                               const std::optional<fs::path>& explicit_key) {
  if (explicit_key)
    return explicit_local_key(*explicit_key);
  for (std::string_view name : kDefaultKeyNames) {
    fs::path private_key = home / ".ssh" / name;
    fs::path public_key = with_public_suffix(private_key);
    if (is_file(private_key) && is_file(public_key))
      return load_local_key(private_key, public_key);
  }
  return std::nullopt;
}

std::string local_username(const Environment& env) {
  std::string name = env.get_nonempty("USER").value_or(env.get_nonempty("USERNAME").value_or(""));
  std::string kept;
  for (char c : to_lower(name)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')
      kept += c;
  }
  return kept.empty() ? "user" : kept;
}

}  // namespace spawn::ops
