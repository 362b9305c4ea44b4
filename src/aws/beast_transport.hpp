// The real HTTP transport: Boost.Beast over Asio with OpenSSL. Beast is kept
// inside beast_transport.cpp (it is slow to compile); this header is all the
// rest of the code sees.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "aws/ca_bundle.hpp"
#include "aws/proxy.hpp"
#include "aws/transport.hpp"
#include "util/env.hpp"

namespace spawn::aws {

// Responses larger than this are refused rather than held in memory.
inline constexpr std::size_t kMaxResponseBodyBytes = std::size_t{256} << 20;

struct TransportOptions {
  CaBundle ca_bundle;  // from find_ca_bundle(); empty: OpenSSL's default paths
  ProxySettings proxy;
  std::string user_agent;  // "spawn/<version>"
  std::size_t max_response_body = kMaxResponseBodyBytes;
};

// A transport with keep-alive connections per host (thread-safe: concurrent sends use
// separate connections).
std::unique_ptr<HttpTransport> make_beast_transport(TransportOptions options);

// Options from the environment: AWS_CA_BUNDLE / SSL_CERT_FILE / system paths, HTTPS_PROXY,
// HTTP_PROXY, NO_PROXY (either case). `ca_bundle_from_profile` is the profile's ca_bundle.
// Fails (ErrorKind::usage) when a CA bundle named explicitly does not exist.
Result<TransportOptions> transport_options_from_env(
    const Environment& env, const std::optional<std::string>& ca_bundle_from_profile,
    std::string user_agent);

}  // namespace spawn::aws
