#include "aws/assume_role.hpp"

#include <fmt/format.h>

#include "aws/sts.hpp"

namespace spawn::aws {

namespace {

std::string session_name_or_default(std::string name, const Clock& clock) {
  if (!name.empty()) {
    return name;
  }
  auto unix_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
  return fmt::format("spawn-{}", unix_seconds);
}

ClientDeps sts_client_deps(CredentialsProvider& source, AssumeRoleDeps& deps) {
  auto region = deps.region.empty() ? std::string(AssumeRoleProvider::kDefaultRegion)
                                    : std::move(deps.region);
  return ClientDeps{.transport = deps.transport,
                    .credentials = source,
                    .clock = deps.clock,
                    .endpoints = std::move(deps.endpoints),
                    .region = std::move(region),
                    .retry = deps.retry,
                    .timeouts = Timeouts{},
                    .observer = deps.observer,
                    .jitter = {}};
}

}  // namespace

AssumeRoleProvider::AssumeRoleProvider(std::unique_ptr<CredentialsProvider> source,
                                       AssumeRoleSettings settings, AssumeRoleDeps deps)
    : source_(std::move(source)),
      settings_(std::move(settings)),
      sts_client_(sts_client_deps(*source_, deps)),
      cache_(deps.clock, kRefreshBefore) {
  settings_.role_session_name =
      session_name_or_default(std::move(settings_.role_session_name), deps.clock);
}

Result<Credentials> AssumeRoleProvider::credentials() {
  return cache_.get([this] { return assume(); });
}

Result<Credentials> AssumeRoleProvider::assume() {
  StsClient sts(sts_client_);
  auto assumed = sts.assume_role(AssumeRoleRequest{.role_arn = settings_.role_arn,
                                                   .session_name = settings_.role_session_name,
                                                   .external_id = settings_.external_id,
                                                   .duration_seconds = settings_.duration_seconds});
  if (!assumed) {
    auto error = assumed.error();
    error.message = fmt::format("could not assume role {}: {}", settings_.role_arn, error.message);
    return std::unexpected(std::move(error));
  }
  return assumed;
}

}  // namespace spawn::aws
