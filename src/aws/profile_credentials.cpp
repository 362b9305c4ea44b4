// A profile may point at another (source_profile), which may assume a role
// itself: the resolver follows that path recursively, remembers the profiles on
// it to report a loop instead of recursing forever, and treats a profile that
// names itself as its source as "use my own keys", as botocore does.
#include "aws/profile_credentials.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "aws/credential_process.hpp"
#include "util/strings.hpp"

namespace spawn::aws {

namespace {

using ProviderPtr = std::unique_ptr<CredentialsProvider>;

// STS accepts role sessions from 15 minutes to 12 hours.
constexpr int kMinRoleSeconds = 900;
constexpr int kMaxRoleSeconds = 43200;

std::optional<std::string> value_of(const ConfigValues& values, std::string_view key) {
  auto it = values.find(key);
  if (it == values.end() || it->second.empty())
    return std::nullopt;
  return it->second;
}

ProviderPtr static_provider(std::string key, std::string secret, std::string token,
                            std::string source) {
  return std::make_unique<StaticCredentialsProvider>(Credentials{
      std::move(key), std::move(secret), std::move(token), std::nullopt, std::move(source)});
}

}  // namespace

MaybeProvider environment_credentials(const Environment& env) {
  auto key = env.get_nonempty("AWS_ACCESS_KEY_ID");
  auto secret = env.get_nonempty("AWS_SECRET_ACCESS_KEY");
  if (!key && !secret)
    return nullptr;
  if (!key || !secret) {
    return fail(ErrorKind::auth,
                fmt::format("{} is set but {} is not: set both (and AWS_SESSION_TOKEN for "
                            "temporary credentials), or neither",
                            key ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY",
                            key ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID"));
  }
  return static_provider(*key, *secret, env.get_nonempty("AWS_SESSION_TOKEN").value_or(""),
                         "environment variables");
}

namespace {

MaybeProvider static_keys_provider(const Profile& profile) {
  auto key = profile.get("aws_access_key_id");
  auto secret = profile.get("aws_secret_access_key");
  if (!key && !secret)
    return nullptr;
  if (!key || !secret) {
    return fail(ErrorKind::auth, fmt::format("profile {} sets {} but not {}", profile.name,
                                             key ? "aws_access_key_id" : "aws_secret_access_key",
                                             key ? "aws_secret_access_key" : "aws_access_key_id"));
  }
  return static_provider(*key, *secret, profile.get("aws_session_token").value_or(""),
                         fmt::format("profile {}", profile.name));
}

Result<std::optional<int>> role_duration(const Profile& profile) {
  auto text = profile.get("duration_seconds");
  if (!text)
    return std::nullopt;
  int seconds = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), seconds);
  if (error != std::errc{} || end != text->data() + text->size() || seconds < kMinRoleSeconds ||
      seconds > kMaxRoleSeconds) {
    return fail(ErrorKind::usage,
                fmt::format("duration_seconds = {} in profile {} is not a number of seconds from "
                            "{} to {}",
                            *text, profile.name, kMinRoleSeconds, kMaxRoleSeconds));
  }
  return seconds;
}

// Turns a profile's settings into the provider they ask for.
class ProfileResolver {
 public:
  ProfileResolver(const SharedConfig& config, const Environment& env, CredentialSources& sources)
      : config_(config), env_(env), sources_(sources) {}

  MaybeProvider resolve(const Profile& profile) {
    visited_.push_back(profile.name);
    if (profile.get("role_arn"))
      return assume_role(profile);
    if (profile.get("sso_session") || profile.get("sso_start_url"))
      return sso(profile);
    if (auto command = profile.get("credential_process")) {
      return make_credential_process_provider(
          *command, fmt::format("credential_process of profile {}", profile.name));
    }
    return static_keys_provider(profile);
  }

 private:
  MaybeProvider assume_role(const Profile& profile) {
    if (profile.get("mfa_serial")) {
      return fail(ErrorKind::usage,
                  fmt::format("profile {} sets mfa_serial, but spawn cannot prompt for an MFA "
                              "code; use an SSO profile or a credential_process instead",
                              profile.name));
    }
    auto duration = role_duration(profile);
    if (!duration)
      return std::unexpected(duration.error());
    auto source = role_source(profile);
    if (!source)
      return std::unexpected(source.error());
    AssumeRoleSettings settings{*profile.get("role_arn"),
                                profile.get("role_session_name").value_or(""),
                                profile.get("external_id").value_or(""), *duration};
    return sources_.assume_role(std::move(*source), std::move(settings));
  }

  // The credentials that call AssumeRole for `profile`.
  MaybeProvider role_source(const Profile& profile) {
    auto source_profile = profile.get("source_profile");
    auto credential_source = profile.get("credential_source");
    if (source_profile && credential_source) {
      return fail(ErrorKind::usage,
                  fmt::format("profile {} sets both source_profile and credential_source; keep one",
                              profile.name));
    }
    if (credential_source)
      return from_credential_source(profile, *credential_source);
    if (!source_profile) {
      return fail(ErrorKind::usage,
                  fmt::format("profile {} sets role_arn but neither source_profile nor "
                              "credential_source, so nothing can assume the role",
                              profile.name));
    }
    if (*source_profile == profile.name)
      return required(static_keys_provider(profile), profile);
    return from_source_profile(profile, *source_profile);
  }

  MaybeProvider from_source_profile(const Profile& profile, const std::string& name) {
    if (std::find(visited_.begin(), visited_.end(), name) != visited_.end()) {
      return fail(ErrorKind::usage,
                  fmt::format("source_profile loop: {} -> {}", join(visited_, " -> "), name));
    }
    auto source = config_.profile(name, fmt::format("source_profile of profile {}", profile.name));
    if (!source)
      return std::unexpected(source.error());
    return required(resolve(*source), *source);
  }

  MaybeProvider from_credential_source(const Profile& profile, const std::string& source) {
    if (source == "Environment") {
      auto provider = environment_credentials(env_);
      if (provider && !*provider) {
        return fail(ErrorKind::auth,
                    fmt::format("profile {} takes its source credentials from the environment, "
                                "but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
                                profile.name));
      }
      return provider;
    }
    if (source == "Ec2InstanceMetadata")
      return sources_.instance_metadata();
    return fail(ErrorKind::usage,
                fmt::format("credential_source = {} in profile {} is not supported; use "
                            "Environment or Ec2InstanceMetadata",
                            source, profile.name));
  }

  MaybeProvider sso(const Profile& profile) {
    SsoSettings settings;
    settings.profile = profile.name;
    settings.session_name = profile.get("sso_session").value_or("");
    const ConfigValues& portal =
        settings.session_name.empty() ? profile.values : profile.sso_session;
    settings.start_url = value_of(portal, "sso_start_url").value_or("");
    settings.region = value_of(portal, "sso_region").value_or("");
    settings.account_id = profile.get("sso_account_id").value_or("");
    settings.role_name = profile.get("sso_role_name").value_or("");
    std::vector<std::string> missing;
    if (settings.start_url.empty())
      missing.emplace_back("sso_start_url");
    if (settings.region.empty())
      missing.emplace_back("sso_region");
    if (settings.account_id.empty())
      missing.emplace_back("sso_account_id");
    if (settings.role_name.empty())
      missing.emplace_back("sso_role_name");
    if (!missing.empty()) {
      return fail(ErrorKind::usage, fmt::format("profile {} uses SSO but lacks {}; run `aws "
                                                "configure sso --profile {}`",
                                                profile.name, join(missing, ", "), profile.name));
    }
    return sources_.sso(std::move(settings));
  }

  // `provider`, or an error when `profile` turned out to hold no credentials.
  static MaybeProvider required(MaybeProvider provider, const Profile& profile) {
    if (provider && !*provider) {
      return fail(ErrorKind::auth,
                  fmt::format("profile {} is used as a source_profile but holds no credentials",
                              profile.name));
    }
    return provider;
  }

  const SharedConfig& config_;
  const Environment& env_;
  CredentialSources& sources_;
  std::vector<std::string> visited_;  // profiles on the current source_profile path
};

}  // namespace

MaybeProvider profile_credentials(const Profile& profile, const SharedConfig& config,
                                  const Environment& env, CredentialSources& sources) {
  return ProfileResolver(config, env, sources).resolve(profile);
}

}  // namespace spawn::aws
