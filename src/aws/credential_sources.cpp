#include "aws/credential_sources.hpp"

#include "aws/imds_credentials.hpp"

namespace spawn::aws {

namespace {

class NetworkCredentialSources final : public CredentialSources {
 public:
  explicit NetworkCredentialSources(NetworkSourcesDeps deps) : deps_(std::move(deps)) {}

  Result<std::unique_ptr<CredentialsProvider>> assume_role(
      std::unique_ptr<CredentialsProvider> source, AssumeRoleSettings settings) override {
    AssumeRoleDeps sts{deps_.transport, deps_.clock, deps_.endpoints,
                       deps_.region,    deps_.retry, deps_.observer};
    return std::make_unique<AssumeRoleProvider>(std::move(source), std::move(settings),
                                                std::move(sts));
  }

  Result<std::unique_ptr<CredentialsProvider>> sso(SsoSettings settings) override {
    return make_sso_credentials_provider(std::move(settings), deps_.transport, deps_.clock,
                                         deps_.endpoints, deps_.env);
  }

  Result<std::unique_ptr<CredentialsProvider>> instance_metadata() override {
    return make_imds_credentials_provider(deps_.transport, deps_.clock, deps_.env);
  }

 private:
  NetworkSourcesDeps deps_;
};

}  // namespace

std::unique_ptr<CredentialSources> make_network_credential_sources(NetworkSourcesDeps deps) {
  return std::make_unique<NetworkCredentialSources>(std::move(deps));
}

}  // namespace spawn::aws
