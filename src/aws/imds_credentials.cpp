#include "aws/imds_credentials.hpp"

namespace spawn::aws {

Result<Credentials> ImdsCredentialsProvider::credentials() {
  return cache_.get([this] { return imds_->role_credentials(); });
}

Result<std::unique_ptr<CredentialsProvider>> make_imds_credentials_provider(
    HttpTransport& transport, Clock& clock, const Environment& env) {
  auto config = imds_config_from_env(env);
  if (!config) {
    return std::unexpected(config.error());
  }
  auto imds = std::make_shared<ImdsClient>(transport, clock, std::move(*config));
  return std::make_unique<ImdsCredentialsProvider>(std::move(imds), clock);
}

}  // namespace spawn::aws
