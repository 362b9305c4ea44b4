// The default credentials chain, in the AWS CLI's order: environment variables
// (unless --profile named a profile), then the profile (assumed role, SSO,
// credential_process, static keys), then the EC2 instance role. Nothing is read
// until credentials() is first called.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "aws/credential_sources.hpp"
#include "aws/credentials.hpp"
#include "aws/profile.hpp"
#include "util/clock.hpp"
#include "util/env.hpp"

namespace spawn::aws {

// Credentials that expire are fetched again once less than this remains.
inline constexpr std::chrono::minutes kCredentialsRefreshBefore{5};

struct CredentialChainDeps {
  const Environment& env;  // read on the first credentials() call; must outlive the chain
  Clock& clock;            // must outlive the chain
  std::shared_ptr<const SharedConfig> config;
  ProfileChoice profile;  // from choose_profile; --profile turns the environment step off
  std::unique_ptr<CredentialSources> sources;
};

// The chain as a provider: it picks the first source that is configured, keeps using it,
// caches its credentials and refreshes them before they expire. A configured source that
// fails is an error (the chain does not fall through to the next one); when no source is
// configured the ErrorKind::auth error lists what was tried and what to do. Thread-safe.
std::unique_ptr<CredentialsProvider> make_credential_chain(CredentialChainDeps deps);

}  // namespace spawn::aws
