// The AWS CLI's credential resolution, reduced to what spawn supports:
//   1. AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN), skipped when
//      --profile names a profile (botocore: an explicit profile negates the env);
//   2. the profile: role_arn (with source_profile, followed recursively, or
//      credential_source), then SSO, then credential_process, then static keys;
//   3. the EC2 instance role, unless AWS_EC2_METADATA_DISABLED=true.
// The first source that is configured wins and is kept: its failures are reported,
// never papered over by a later source. Half-configured sources (a key without its
// secret, role_arn without a source) are errors too, so a typo is not silently
// replaced by other credentials. Only "nothing configured" moves on, and when
// nothing at all is found the one error lists every step and its reason.
#include "aws/credential_chain.hpp"

#include <fmt/format.h>

#include "aws/credentials_cache.hpp"
#include "aws/profile_credentials.hpp"
#include "util/strings.hpp"

namespace spawn::aws {

namespace {

using ProviderPtr = std::unique_ptr<CredentialsProvider>;

constexpr std::string_view kWhatToDo =
    "Run `aws configure`, pass `--profile NAME`, or use `--local` to try spawn without an AWS "
    "account.";

std::string nothing_found_message(const std::vector<std::string>& tried) {
  std::string steps;
  for (std::size_t i = 0; i < tried.size(); ++i) {
    steps += fmt::format("{}{}) {}", i == 0 ? "" : "; ", i + 1, tried[i]);
  }
  return fmt::format("no AWS credentials found. Tried, in order: {}", steps);
}

class CredentialChain final : public CredentialsProvider {
 public:
  explicit CredentialChain(CredentialChainDeps deps)
      : deps_(std::move(deps)), cache_(deps_.clock, kCredentialsRefreshBefore) {}

  Result<Credentials> credentials() override {
    return cache_.get([this]() -> Result<Credentials> {
      if (!chosen_) {
        auto chosen = choose();
        if (!chosen)
          return std::unexpected(chosen.error());
        chosen_ = std::move(*chosen);
      }
      return chosen_->credentials();
    });
  }

 private:
  // The first configured source; runs under the cache's lock.
  Result<ProviderPtr> choose() {
    if (nothing_found_)
      return std::unexpected(*nothing_found_);
    std::vector<std::string> tried;
    auto environment = from_environment(tried);
    if (!environment || *environment)
      return environment;
    auto profile = from_profile(tried);
    if (!profile || *profile)
      return profile;
    if (auto instance = from_instance_metadata(tried))
      return instance;
    nothing_found_ =
        Error{ErrorKind::auth, nothing_found_message(tried), std::nullopt, std::string(kWhatToDo)};
    return std::unexpected(*nothing_found_);
  }

  MaybeProvider from_environment(std::vector<std::string>& tried) {
    if (deps_.profile.origin == ProfileOrigin::flag) {
      tried.emplace_back("environment variables: skipped because --profile was given");
      return nullptr;
    }
    auto provider = environment_credentials(deps_.env);
    if (provider && !*provider) {
      tried.emplace_back(
          "environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: not set");
    }
    return provider;
  }

  MaybeProvider from_profile(std::vector<std::string>& tried) {
    const auto& name = deps_.profile.name;
    const auto& paths = deps_.config->paths();
    std::string where =
        fmt::format("profile {} ({}, {})", name, paths.config.string(), paths.credentials.string());
    if (!deps_.config->has_profile(name)) {
      tried.push_back(where + ": no such profile");
      return nullptr;
    }
    auto profile = deps_.config->profile(name);
    if (!profile)
      return std::unexpected(profile.error());
    auto provider = profile_credentials(*profile, *deps_.config, deps_.env, *deps_.sources);
    if (provider && !*provider) {
      tried.push_back(where +
                      ": no role_arn, sso_session, credential_process or aws_access_key_id");
    }
    return provider;
  }

  // The instance role when IMDS answers with credentials, else nullptr (and why, in `tried`).
  ProviderPtr from_instance_metadata(std::vector<std::string>& tried) {
    auto disabled = deps_.env.get_nonempty("AWS_EC2_METADATA_DISABLED");
    if (disabled && iequals(*disabled, "true")) {
      tried.emplace_back("EC2 instance metadata: disabled by AWS_EC2_METADATA_DISABLED");
      return nullptr;
    }
    auto provider = deps_.sources->instance_metadata();
    Result<Credentials> probe = provider ? (*provider)->credentials()
                                         : Result<Credentials>(std::unexpected(provider.error()));
    if (!probe) {
      tried.push_back("EC2 instance metadata: " + probe.error().message);
      return nullptr;
    }
    return std::move(*provider);
  }

  CredentialChainDeps deps_;
  CredentialsCache cache_;
  ProviderPtr chosen_;
  std::optional<Error> nothing_found_;  // remembered: probing IMDS again would only be slower
};

}  // namespace

std::unique_ptr<CredentialsProvider> make_credential_chain(CredentialChainDeps deps) {
  return std::make_unique<CredentialChain>(std::move(deps));
}

}  // namespace spawn::aws
