// The credential sources that need the network (STS AssumeRole, the SSO portal,
// instance metadata), behind one interface: the chain decides which source a
// profile asks for, and tests answer with fakes instead of servers.
#pragma once

#include <memory>
#include <string>

#include "aws/assume_role.hpp"
#include "aws/call_log.hpp"
#include "aws/credentials.hpp"
#include "aws/endpoints.hpp"
#include "aws/retry.hpp"
#include "aws/sso_credentials.hpp"
#include "aws/transport.hpp"
#include "util/clock.hpp"
#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::aws {

class CredentialSources {
 public:
  virtual ~CredentialSources() = default;
  // A provider for the role in `settings`, signing STS calls with `source`.
  virtual Result<std::unique_ptr<CredentialsProvider>> assume_role(
      std::unique_ptr<CredentialsProvider> source, AssumeRoleSettings settings) = 0;
  // A provider for an IAM Identity Center role.
  virtual Result<std::unique_ptr<CredentialsProvider>> sso(SsoSettings settings) = 0;
  // A provider for the EC2 instance's role.
  virtual Result<std::unique_ptr<CredentialsProvider>> instance_metadata() = 0;
};

// What the real sources share with the session. References must outlive the sources and
// every provider they make.
struct NetworkSourcesDeps {
  HttpTransport& transport;
  Clock& clock;
  const Environment& env;
  EndpointResolver endpoints;
  std::string region;  // STS calls go to this region
  RetryConfig retry;
  CallObserver* observer = nullptr;  // --debug; may be null
};

// Sources backed by assume_role.hpp, sso_credentials.hpp and imds_credentials.hpp.
std::unique_ptr<CredentialSources> make_network_credential_sources(NetworkSourcesDeps deps);

}  // namespace spawn::aws
