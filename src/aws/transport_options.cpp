#include "aws/beast_transport.hpp"

namespace spawn::aws {

Result<TransportOptions> transport_options_from_env(
    const Environment& env, const std::optional<std::string>& ca_bundle_from_profile,
    std::string user_agent) {
  auto ca_bundle = find_ca_bundle(env, ca_bundle_from_profile);
  if (!ca_bundle)
    return std::unexpected(ca_bundle.error());
  TransportOptions options;
  options.ca_bundle = std::move(*ca_bundle);
  auto proxy = ProxySettings::from_env(env);
  if (!proxy)
    return std::unexpected(proxy.error());
  options.proxy = std::move(*proxy);
  options.user_agent = std::move(user_agent);
  return options;
}

}  // namespace spawn::aws
