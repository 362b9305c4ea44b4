// The instance role's credentials from IMDS, cached and refreshed ahead of their
// expiry. When a refresh fails but the cached credentials are still valid they
// are kept, so a throttled or briefly unreachable IMDS does not fail a call.
#pragma once

#include <chrono>
#include <memory>

#include "aws/credentials.hpp"
#include "aws/credentials_cache.hpp"
#include "aws/imds.hpp"
#include "aws/transport.hpp"
#include "util/clock.hpp"
#include "util/env.hpp"

namespace spawn::aws {

class ImdsCredentialsProvider final : public CredentialsProvider {
 public:
  // IMDS hands out new credentials well before the old ones expire; asking this early
  // leaves room for a few failed refreshes.
  static constexpr std::chrono::minutes kRefreshBefore{15};

  // `clock` must outlive the provider.
  ImdsCredentialsProvider(std::shared_ptr<ImdsClient> imds, Clock& clock)
      : imds_(std::move(imds)), cache_(clock, kRefreshBefore) {}
  // Thread-safe.
  Result<Credentials> credentials() override;

 private:
  std::shared_ptr<ImdsClient> imds_;
  CredentialsCache cache_;
};

// A provider over its own IMDS client configured from `env` (see imds_config_from_env).
// `transport` and `clock` must outlive it. Fails only for malformed IMDS settings; when
// IMDS is disabled, credentials() fails with ErrorKind::not_found.
Result<std::unique_ptr<CredentialsProvider>> make_imds_credentials_provider(
    HttpTransport& transport, Clock& clock, const Environment& env);

}  // namespace spawn::aws
