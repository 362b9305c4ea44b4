// What a profile's settings say about credentials: an assumed role (its source
// followed through source_profile or credential_source), SSO, a credential_process
// or static keys. Also the AWS_ACCESS_KEY_ID pair from the environment, which a
// role may name as its source.
#pragma once

#include <memory>

#include "aws/credential_sources.hpp"
#include "aws/credentials.hpp"
#include "aws/profile.hpp"
#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::aws {

// A provider, or nullptr when the place looked at configures no credentials at all.
using MaybeProvider = Result<std::unique_ptr<CredentialsProvider>>;

// AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN). ErrorKind::auth when only
// one of the pair is set.
MaybeProvider environment_credentials(const Environment& env);

// The provider `profile` asks for, in the AWS CLI's order: role_arn, then sso_session or
// sso_start_url, then credential_process, then aws_access_key_id. Settings that are present
// but incomplete or contradictory are errors (ErrorKind::usage, or auth for half a key
// pair), never skipped. `config` resolves source_profile names; nothing is run or fetched
// here, `sources` only builds providers.
MaybeProvider profile_credentials(const Profile& profile, const SharedConfig& config,
                                  const Environment& env, CredentialSources& sources);

}  // namespace spawn::aws
