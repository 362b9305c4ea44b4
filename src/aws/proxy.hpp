// Proxy settings the way curl and the AWS CLI read them: HTTPS_PROXY for https
// URLs, HTTP_PROXY for http URLs (either case), NO_PROXY to bypass hosts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "aws/http.hpp"
#include "util/env.hpp"

namespace spawn::aws {

struct ProxySettings {
  std::optional<Url> https_proxy;
  std::optional<Url> http_proxy;
  std::vector<std::string> no_proxy;  // host names, ".domain" suffixes, IPs, or "*"

  // The proxy to use for `url`, or nullopt to connect directly.
  std::optional<Url> proxy_for(const Url& url) const;
  // Reads the variables; a proxy URL spawn cannot use is a usage error naming the variable,
  // rather than a silent direct connection that a firewall would then refuse.
  static Result<ProxySettings> from_env(const Environment& env);
};

}  // namespace spawn::aws
