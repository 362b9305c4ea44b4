// make_session reads, in order: the shared config files and the profile (errors
// for a malformed file or an unknown profile come first), the region, the
// endpoint overrides, the retry settings and the transport options. Credentials
// are only wired up here; the chain reads nothing until the first signed call.
#include "aws/session.hpp"

#include <fmt/format.h>

#include <charconv>
#include <memory>
#include <utility>

#include "aws/beast_transport.hpp"
#include "aws/credential_chain.hpp"
#include "aws/credential_sources.hpp"
#include "aws/endpoints.hpp"
#include "aws/imds.hpp"
#include "aws/profile.hpp"
#include "aws/region.hpp"

namespace spawn::aws {

namespace {

// Everything make_session resolves before it builds objects.
struct SessionSettings {
  std::shared_ptr<const SharedConfig> config;
  ProfileChoice choice;
  std::string region;
  EndpointOverrides overrides;
  RetryConfig retry;
};

class AwsSession final : public Session {
 public:
  AwsSession(SessionSettings settings, std::unique_ptr<HttpTransport> transport,
             const SessionOptions& options, const Environment& env)
      : transport_(std::move(transport)),
        endpoints_(std::move(settings.overrides)),
        region_(std::move(settings.region)),
        retry_(settings.retry),
        observer_(options.observer) {
    NetworkSourcesDeps sources{*transport_, clock_, env, endpoints_, region_, retry_, observer_};
    credentials_ = make_credential_chain(
        CredentialChainDeps{env, clock_, std::move(settings.config), std::move(settings.choice),
                            make_network_credential_sources(std::move(sources))});
    client_ = std::make_unique<AwsClient>(deps_for(region_));
  }

  const std::string& region() const override { return region_; }
  AwsClient& client() override { return *client_; }
  AwsClient client_for(std::string_view region) override {
    return AwsClient(deps_for(std::string(region)));
  }
  CredentialsProvider& credentials() override { return *credentials_; }
  HttpTransport& transport() override { return *transport_; }

 private:
  ClientDeps deps_for(std::string region) {
    return ClientDeps{*transport_, *credentials_, clock_,    endpoints_, std::move(region),
                      retry_,      Timeouts{},    observer_, {}};
  }

  SystemClock clock_;
  std::unique_ptr<HttpTransport> transport_;
  EndpointResolver endpoints_;
  std::string region_;
  RetryConfig retry_;
  CallObserver* observer_;
  std::unique_ptr<CredentialsProvider> credentials_;
  std::unique_ptr<AwsClient> client_;
};

Result<int> parse_max_attempts(const std::string& text, std::string_view setting) {
  int attempts = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), attempts);
  if (error != std::errc{} || end != text.data() + text.size() || attempts < 1) {
    return fail(ErrorKind::usage,
                fmt::format("{} = {} is not a number of attempts (a whole number, 1 or more)",
                            setting, text));
  }
  return attempts;
}

// AWS_MAX_ATTEMPTS > the profile's max_attempts > the standard mode's default.
Result<RetryConfig> retry_config(const Environment& env, const Profile& profile) {
  RetryConfig retry;
  Result<int> attempts = retry.max_attempts;
  if (auto text = env.get_nonempty("AWS_MAX_ATTEMPTS")) {
    attempts = parse_max_attempts(*text, "AWS_MAX_ATTEMPTS");
  } else if (auto setting = profile.get("max_attempts")) {
    attempts =
        parse_max_attempts(*setting, fmt::format("max_attempts in profile {}", profile.name));
  }
  if (!attempts)
    return std::unexpected(attempts.error());
  retry.max_attempts = *attempts;
  return retry;
}

// Asks IMDS for the region only when IMDS is enabled; the client lives for the one call.
ImdsRegionLookup imds_region_lookup(const ImdsConfig& config, HttpTransport& transport) {
  if (config.disabled)
    return {};
  return [&config, &transport]() -> Result<std::string> {
    SystemClock clock;
    ImdsClient imds(transport, clock, config);
    return imds.region();
  };
}

struct LoadedProfile {
  std::shared_ptr<const SharedConfig> config;
  ProfileChoice choice;
  Profile profile;
};

// The config files and the chosen profile: their errors are the first a user should see.
Result<LoadedProfile> load_profile(const SessionOptions& options, const Environment& env) {
  auto config = load_shared_config(env);
  if (!config)
    return std::unexpected(config.error());
  auto shared = std::make_shared<const SharedConfig>(std::move(*config));
  auto choice = choose_profile(options.profile, env);
  auto profile = select_profile(*shared, choice);
  if (!profile)
    return std::unexpected(profile.error());
  return LoadedProfile{std::move(shared), std::move(choice), std::move(*profile)};
}

Result<SessionSettings> resolve_settings(LoadedProfile loaded, const SessionOptions& options,
                                         const Environment& env, HttpTransport& transport) {
  const Profile& profile = loaded.profile;
  auto imds = imds_config_from_env(env);
  if (!imds)
    return std::unexpected(imds.error());
  auto region =
      resolve_region({options.region, &profile, imds_region_lookup(*imds, transport)}, env);
  if (!region)
    return std::unexpected(region.error());
  auto overrides = endpoint_overrides_from(options.endpoint_url, env, profile);
  if (!overrides)
    return std::unexpected(overrides.error());
  auto retry = retry_config(env, profile);
  if (!retry)
    return std::unexpected(retry.error());
  return SessionSettings{std::move(loaded.config), std::move(loaded.choice), std::move(*region),
                         std::move(*overrides), *retry};
}

}  // namespace

Result<std::unique_ptr<Session>> make_session(const SessionOptions& options,
                                              const Environment& env) {
  auto loaded = load_profile(options, env);
  if (!loaded)
    return std::unexpected(loaded.error());
  auto transport_options =
      transport_options_from_env(env, loaded->profile.get("ca_bundle"), options.user_agent);
  if (!transport_options)
    return std::unexpected(transport_options.error());
  auto transport = make_beast_transport(std::move(*transport_options));
  auto settings = resolve_settings(std::move(*loaded), options, env, *transport);
  if (!settings)
    return std::unexpected(settings.error());
  return std::make_unique<AwsSession>(std::move(*settings), std::move(transport), options, env);
}

}  // namespace spawn::aws
