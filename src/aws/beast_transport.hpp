// The real HTTP transport: Boost.Beast over Asio with OpenSSL. Beast is kept
// inside beast_transport.cpp (it is slow to compile); this header is all the
// rest of the code sees.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "aws/proxy.hpp"
#include "aws/transport.hpp"
#include "util/env.hpp"

namespace spawn::aws {

struct TransportOptions {
  std::optional<std::filesystem::path> ca_bundle;  // nullopt: discover (see ca_bundle.hpp)
  ProxySettings proxy;
  std::string user_agent;  // "spawn/<version>"
};

// A transport with keep-alive connections per host (thread-safe: concurrent sends use
// separate connections).
std::unique_ptr<HttpTransport> make_beast_transport(TransportOptions options);

// Options from the environment: AWS_CA_BUNDLE / SSL_CERT_FILE / system paths, HTTPS_PROXY,
// HTTP_PROXY, NO_PROXY (either case). `ca_bundle_from_profile` is the profile's ca_bundle.
TransportOptions transport_options_from_env(const Environment& env,
                                            std::optional<std::string> ca_bundle_from_profile,
                                            std::string user_agent);

}  // namespace spawn::aws
