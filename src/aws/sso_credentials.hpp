// Credentials from IAM Identity Center (AWS SSO) the way the AWS CLI gets them:
// `aws sso login` leaves an access token in ~/.aws/sso/cache/<sha1>.json, and the
// SSO portal trades that token for a role's temporary credentials. spawn never
// logs in itself; when the token is missing or expired it says how to log in.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "aws/credentials.hpp"
#include "aws/credentials_cache.hpp"
#include "aws/endpoints.hpp"
#include "aws/http.hpp"
#include "aws/transport.hpp"
#include "util/clock.hpp"
#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::aws {

// The SSO settings of one profile, as the shared config file spells them.
struct SsoSettings {
  std::string profile;       // the profile's name, for messages
  std::string session_name;  // `sso_session` ([sso-session NAME]); empty for a legacy profile
  std::string start_url;     // `sso_start_url`
  std::string region;        // `sso_region`: where the portal is
  std::string account_id;    // `sso_account_id`
  std::string role_name;     // `sso_role_name`
};

// The token cache file `aws sso login` wrote for `settings`: the SHA-1 of the session
// name, or of the start URL for a legacy profile, under `cache_dir`.
std::filesystem::path sso_token_path(const std::filesystem::path& cache_dir,
                                     const SsoSettings& settings);

// ~/.aws/sso/cache.
Result<std::filesystem::path> sso_cache_dir(const Environment& env);

// The portal's base URL: AWS_ENDPOINT_URL_SSO (or another override known to `endpoints`)
// when set, else https://portal.sso.<sso_region>.amazonaws.com.
Result<Url> sso_portal_endpoint(const EndpointResolver& endpoints, std::string_view sso_region);

class SsoCredentialsProvider final : public CredentialsProvider {
 public:
  static constexpr std::chrono::minutes kRefreshBefore{5};

  struct Deps {
    HttpTransport& transport;
    Clock& clock;
    std::filesystem::path cache_dir;  // sso_cache_dir()
    Url portal;                       // sso_portal_endpoint()
  };

  // `deps.transport` and `deps.clock` must outlive the provider.
  SsoCredentialsProvider(SsoSettings settings, Deps deps);
  // The role's credentials, cached until kRefreshBefore their expiry. ErrorKind::auth,
  // with the `aws sso login` command to run, when the cached token is missing or expired.
  // Thread-safe.
  Result<Credentials> credentials() override;

 private:
  Result<std::string> access_token() const;
  Result<Credentials> fetch_role_credentials();
  // "Your SSO session for profile X <problem>; run `aws sso login --profile X`".
  Error login_needed(std::string_view problem) const;

  SsoSettings settings_;
  Deps deps_;
  CredentialsCache cache_;
};

// A provider for `settings` reading the token cache under the user's home folder and
// asking the portal sso_portal_endpoint() names. `transport` and `clock` must outlive it.
Result<std::unique_ptr<CredentialsProvider>> make_sso_credentials_provider(
    SsoSettings settings, HttpTransport& transport, Clock& clock, const EndpointResolver& endpoints,
    const Environment& env);

}  // namespace spawn::aws
