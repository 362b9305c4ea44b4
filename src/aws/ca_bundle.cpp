#include "aws/ca_bundle.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>
#include <system_error>

#include "platform/paths.hpp"

namespace spawn::aws {

namespace {

// Debian/Ubuntu; Amazon Linux, RHEL and Fedora (two spellings); openSUSE; Alpine and macOS.
constexpr std::array<std::string_view, 5> kSystemBundles = {
    "etc/ssl/certs/ca-certificates.crt",
    "etc/pki/tls/certs/ca-bundle.crt",
    "etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "etc/ssl/ca-bundle.pem",
    "etc/ssl/cert.pem",
};

// A bundle the user named: it must exist, or the error says who named it.
Result<std::filesystem::path> named_bundle(const Environment& env, const std::string& value,
                                           std::string_view origin) {
  auto path = platform::expand_user(value, env);
  if (!path)
    return std::unexpected(path.error());
  std::error_code error;
  if (!std::filesystem::is_regular_file(*path, error)) {
    return fail(ErrorKind::usage,
                fmt::format("the CA bundle {} (from {}) does not exist or is not a file",
                            path->string(), origin));
  }
  return *path;
}

std::optional<std::filesystem::path> system_bundle(const std::filesystem::path& root) {
  for (auto relative : kSystemBundles) {
    std::error_code error;
    auto candidate = root / relative;
    if (std::filesystem::is_regular_file(candidate, error))
      return candidate;
  }
  return std::nullopt;
}

Result<std::optional<std::filesystem::path>> bundle_file(
    const Environment& env, const std::optional<std::string>& profile_ca_bundle,
    const std::filesystem::path& root) {
  if (auto value = env.get_nonempty("AWS_CA_BUNDLE")) {
    return named_bundle(env, *value, "AWS_CA_BUNDLE");
  }
  if (profile_ca_bundle && !profile_ca_bundle->empty()) {
    return named_bundle(env, *profile_ca_bundle, "ca_bundle in the AWS config file");
  }
  if (auto value = env.get_nonempty("SSL_CERT_FILE")) {
    return named_bundle(env, *value, "SSL_CERT_FILE");
  }
  return system_bundle(root);
}

}  // namespace

Result<CaBundle> find_ca_bundle(const Environment& env,
                                const std::optional<std::string>& profile_ca_bundle,
                                const std::filesystem::path& root) {
  CaBundle bundle;
  auto file = bundle_file(env, profile_ca_bundle, root);
  if (!file)
    return std::unexpected(file.error());
  bundle.file = *file;
  // OpenSSL reads SSL_CERT_DIR as a ':'-separated list of folders; it is passed on as is.
  if (auto directory = env.get_nonempty("SSL_CERT_DIR"))
    bundle.directory = *directory;
  return bundle;
}

}  // namespace spawn::aws
