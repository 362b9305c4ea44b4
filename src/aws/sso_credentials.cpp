// The token cache is written by the AWS CLI, not by us: its file name is the
// SHA-1 of the [sso-session] name (or, for profiles from before sso-session
// existed, of the start URL), and it holds accessToken and expiresAt (ISO-8601)
// among other fields. The portal answers GetRoleCredentials with an expiration in
// epoch milliseconds. Any sign that the login has lapsed (no file, an expired
// token, 401/403 from the portal) becomes one message telling the user what to run.
#include "aws/sso_credentials.hpp"

#include <fmt/format.h>

#include "aws/error_parse.hpp"
#include "aws/json_fields.hpp"
#include "aws/service.hpp"
#include "platform/paths.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"
#include "util/file.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {

namespace {

constexpr std::string_view kCredentialsPath = "/federation/credentials";
constexpr std::string_view kBearerHeader = "x-amz-sso_bearer_token";
constexpr int kOk = 200;
constexpr int kUnauthorized = 401;
constexpr int kForbidden = 403;
constexpr std::string_view kExpired = "has expired";
constexpr std::string_view kUnreadable = "has an unreadable cached token";

Result<Credentials> parse_role_credentials(std::string_view body, std::string source) {
  auto json = parse_json_object(body, "the SSO portal's answer");
  if (!json) {
    return std::unexpected(json.error());
  }
  auto role = json->find("roleCredentials");
  if (role == json->end() || !role->is_object()) {
    return fail(ErrorKind::parse, "the SSO portal's answer has no roleCredentials");
  }
  Credentials credentials{string_field(*role, "accessKeyId"),
                          string_field(*role, "secretAccessKey"),
                          string_field(*role, "sessionToken"), std::nullopt, std::move(source)};
  auto expiration_ms = number_field(*role, "expiration");
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty() ||
      !expiration_ms) {
    return fail(ErrorKind::parse, "the SSO portal's roleCredentials are incomplete");
  }
  credentials.expiration =
      SystemTime(std::chrono::milliseconds(static_cast<std::int64_t>(*expiration_ms)));
  return credentials;
}

Error portal_error(const HttpResponse& response) {
  auto aws_error = parse_error_response(Protocol::rest_json, response);
  aws_error.service = services::sso.name;
  aws_error.operation = "GetRoleCredentials";
  auto message = fmt::format("the SSO portal refused GetRoleCredentials (HTTP {}): {} {}",
                             response.status, aws_error.code, aws_error.message);
  return Error{error_kind_for(aws_error), std::move(message), std::move(aws_error)};
}

}  // namespace

std::filesystem::path sso_token_path(const std::filesystem::path& cache_dir,
                                     const SsoSettings& settings) {
  const auto& key = settings.session_name.empty() ? settings.start_url : settings.session_name;
  return cache_dir / (sha1_hex(key) + ".json");
}

Result<std::filesystem::path> sso_cache_dir(const Environment& env) {
  auto home = platform::home_dir(env);
  if (!home) {
    return std::unexpected(home.error());
  }
  return *home / ".aws" / "sso" / "cache";
}

Result<Url> sso_portal_endpoint(const EndpointResolver& endpoints, std::string_view sso_region) {
  if (endpoints.overridden(services::sso)) {
    return endpoints.endpoint(services::sso, sso_region);
  }
  return Url::parse(fmt::format("https://portal.sso.{}.amazonaws.com", sso_region));
}

SsoCredentialsProvider::SsoCredentialsProvider(SsoSettings settings, Deps deps)
    : settings_(std::move(settings)), deps_(std::move(deps)), cache_(deps_.clock, kRefreshBefore) {}

Result<Credentials> SsoCredentialsProvider::credentials() {
  return cache_.get([this] { return fetch_role_credentials(); });
}

Result<std::string> SsoCredentialsProvider::access_token() const {
  auto text = read_file(sso_token_path(deps_.cache_dir, settings_));
  if (!text) {
    if (text.error().kind == ErrorKind::not_found) {
      return std::unexpected(login_needed("has no cached token"));
    }
    return std::unexpected(text.error());
  }
  auto json = parse_json_object(*text, "the cached SSO token");
  if (!json) {
    return std::unexpected(login_needed(kUnreadable));
  }
  auto token = string_field(*json, "accessToken");
  auto expires_at = parse_iso8601(string_field(*json, "expiresAt"));
  if (token.empty() || !expires_at) {
    return std::unexpected(login_needed(kUnreadable));
  }
  if (deps_.clock.now() >= *expires_at) {
    return std::unexpected(login_needed(kExpired));
  }
  return token;
}

Result<Credentials> SsoCredentialsProvider::fetch_role_credentials() {
  auto token = access_token();
  if (!token) {
    return std::unexpected(token.error());
  }
  HttpRequest request;
  request.url = deps_.portal;
  request.url.path = std::string(kCredentialsPath);
  request.url.query = fmt::format("account_id={}&role_name={}", uri_encode(settings_.account_id),
                                  uri_encode(settings_.role_name));
  set_header(request.headers, kBearerHeader, *token);
  auto response = deps_.transport.send(request, Timeouts{});
  if (!response) {
    return fail(response.error().kind,
                fmt::format("could not reach the SSO portal at {}: {}", deps_.portal.to_string(),
                            response.error().message));
  }
  if (response->status == kUnauthorized || response->status == kForbidden) {
    return std::unexpected(login_needed(kExpired));
  }
  if (response->status != kOk) {
    return std::unexpected(portal_error(*response));
  }
  return parse_role_credentials(
      response->body, fmt::format("SSO profile {} (role {} in account {})", settings_.profile,
                                  settings_.role_name, settings_.account_id));
}

Error SsoCredentialsProvider::login_needed(std::string_view problem) const {
  return Error{ErrorKind::auth,
               fmt::format("Your SSO session for profile {} {}", settings_.profile, problem),
               std::nullopt,
               fmt::format("Run `aws sso login --profile {}`, then try again.", settings_.profile)};
}

Result<std::unique_ptr<CredentialsProvider>> make_sso_credentials_provider(
    SsoSettings settings, HttpTransport& transport, Clock& clock, const EndpointResolver& endpoints,
    const Environment& env) {
  auto cache_dir = sso_cache_dir(env);
  if (!cache_dir) {
    return std::unexpected(cache_dir.error());
  }
  auto portal = sso_portal_endpoint(endpoints, settings.region);
  if (!portal) {
    return std::unexpected(portal.error());
  }
  SsoCredentialsProvider::Deps deps{transport, clock, std::move(*cache_dir), std::move(*portal)};
  return std::make_unique<SsoCredentialsProvider>(std::move(settings), std::move(deps));
}

}  // namespace spawn::aws
