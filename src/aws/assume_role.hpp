// Credentials for an IAM role, obtained from STS AssumeRole with the credentials
// of a source provider (a profile's keys, SSO, the instance role, or another
// assumed role), cached until shortly before they expire.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "aws/call_log.hpp"
#include "aws/client.hpp"
#include "aws/credentials.hpp"
#include "aws/credentials_cache.hpp"
#include "aws/endpoints.hpp"
#include "aws/retry.hpp"
#include "aws/transport.hpp"
#include "util/clock.hpp"

namespace spawn::aws {

// What a profile's role_arn, role_session_name, external_id and duration_seconds say.
struct AssumeRoleSettings {
  std::string role_arn;
  std::string role_session_name = {};        // empty: "spawn-<unix time>"
  std::string external_id = {};              // empty when the role does not ask for one
  std::optional<int> duration_seconds = {};  // unset: STS's default (one hour)
};

// How to reach STS. `transport` and `clock` must outlive the provider.
struct AssumeRoleDeps {
  HttpTransport& transport;
  Clock& clock;
  EndpointResolver endpoints;
  std::string region;  // the STS region; empty: us-east-1
  RetryConfig retry{};
  CallObserver* observer = nullptr;  // --debug; may be null
};

class AssumeRoleProvider final : public CredentialsProvider {
 public:
  static constexpr std::chrono::minutes kRefreshBefore{5};
  static constexpr std::string_view kDefaultRegion = "us-east-1";

  // `source` signs the AssumeRole call and is owned by the new provider.
  AssumeRoleProvider(std::unique_ptr<CredentialsProvider> source, AssumeRoleSettings settings,
                     AssumeRoleDeps deps);
  // The role's credentials; a failure names the role and keeps the STS error. Thread-safe.
  Result<Credentials> credentials() override;

 private:
  Result<Credentials> assume();

  std::unique_ptr<CredentialsProvider> source_;
  AssumeRoleSettings settings_;
  AwsClient sts_client_;  // signs with *source_
  CredentialsCache cache_;
};

}  // namespace spawn::aws
