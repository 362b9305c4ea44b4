// Which certificates TLS trusts. A static spored binary cannot rely on the
// OpenSSL default paths compiled in on the build machine (Debian's
// /usr/lib/ssl is absent on Amazon Linux), so the bundle is found the way the
// AWS CLI and OpenSSL users expect, then on every common distribution's path.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::aws {

struct CaBundle {
  std::optional<std::filesystem::path> file;       // a PEM file with one or more certificates
  std::optional<std::filesystem::path> directory;  // a hashed certificate folder (SSL_CERT_DIR)
};

// The trust store: AWS_CA_BUNDLE > the profile's ca_bundle > SSL_CERT_FILE > the first system
// bundle that exists under `root`, plus SSL_CERT_DIR when set. A bundle named explicitly that
// does not exist is an ErrorKind::usage error naming where it came from. Neither file nor
// directory set means "use OpenSSL's defaults".
Result<CaBundle> find_ca_bundle(const Environment& env,
                                const std::optional<std::string>& profile_ca_bundle,
                                const std::filesystem::path& root = "/");

}  // namespace spawn::aws
