// IMDSv2 as the EC2 user guide describes it: PUT /latest/api/token (TTL header)
// gives a session token, every GET carries it. The token is cached and renewed a
// minute before its TTL runs out; a 401 means IMDS no longer accepts it (the
// instance was stopped and started, or the clock jumped), so it is dropped and the
// request is made once more with a fresh one. Network errors, timeouts, 429 and
// 5xx are retried a few times, briefly: IMDS is local and either answers quickly or
// is not there at all (spawn on a laptop).
#include "aws/imds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <vector>

#include "aws/json_fields.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {

namespace {

constexpr std::string_view kTokenPath = "/latest/api/token";
constexpr std::string_view kMetadataPrefix = "/latest/meta-data/";
constexpr std::string_view kIdentityDocumentPath = "/latest/dynamic/instance-identity/document";
constexpr std::string_view kTokenHeader = "X-aws-ec2-metadata-token";
constexpr std::string_view kTokenTtlHeader = "X-aws-ec2-metadata-token-ttl-seconds";
constexpr std::string_view kIpv4Host = "169.254.169.254";
constexpr std::string_view kIpv6Host = "fd00:ec2::254";
constexpr int kOk = 200;
constexpr int kUnauthorized = 401;
constexpr int kForbidden = 403;
constexpr int kNotFound = 404;
constexpr int kTooManyRequests = 429;
constexpr int kFirstServerError = 500;

Result<int> positive_int(const Environment& env, std::string_view name, int fallback) {
  auto text = env.get_nonempty(name);
  if (!text) {
    return fallback;
  }
  int value = 0;
  auto trimmed = trim(*text);
  auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  if (ec != std::errc() || end != trimmed.data() + trimmed.size() || value < 1) {
    return fail(ErrorKind::usage, fmt::format("{}={} is not a positive whole number", name, *text));
  }
  return value;
}

Result<Url> endpoint_from_env(const Environment& env) {
  if (auto text = env.get_nonempty("AWS_EC2_METADATA_SERVICE_ENDPOINT")) {
    auto url = Url::parse(trim(*text));
    if (!url) {
      return fail(ErrorKind::usage, fmt::format("AWS_EC2_METADATA_SERVICE_ENDPOINT={}: {}", *text,
                                                url.error().message));
    }
    return url;
  }
  auto mode = env.get_nonempty("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE").value_or("IPv4");
  if (!iequals(mode, "IPv4") && !iequals(mode, "IPv6")) {
    return fail(
        ErrorKind::usage,
        fmt::format("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE={} (expected IPv4 or IPv6)", mode));
  }
  Url url;
  url.scheme = "http";
  url.port = 80;
  url.host = std::string(iequals(mode, "IPv6") ? kIpv6Host : kIpv4Host);
  return url;
}

bool is_retryable_status(int status) {
  return status == kTooManyRequests || status >= kFirstServerError;
}

// The error for a non-200 answer to `path`.
Error status_error(int status, std::string_view path) {
  switch (status) {
    case kNotFound:
      return {ErrorKind::not_found, fmt::format("instance metadata has no {}", path), {}};
    case kUnauthorized:
      return {ErrorKind::auth, "instance metadata rejected a fresh session token (HTTP 401)", {}};
    case kForbidden:
      return {ErrorKind::auth,
              "instance metadata refused access (HTTP 403); is the metadata service turned off for "
              "this instance?",
              {}};
    default:
      return {ErrorKind::network,
              fmt::format("instance metadata answered HTTP {} for {}", status, path),
              {}};
  }
}

// The entries of a listing, one per line.
std::vector<std::string> lines_of(std::string_view body) {
  std::vector<std::string> lines;
  for (const auto& line : split(body, '\n')) {
    auto entry = trim(line);
    if (!entry.empty()) {
      lines.emplace_back(entry);
    }
  }
  return lines;
}

std::optional<std::chrono::seconds> echoed_ttl(const HttpResponse& response) {
  auto header = response.header(kTokenTtlHeader);
  if (!header) {
    return std::nullopt;
  }
  int seconds = 0;
  auto text = trim(*header);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size() || seconds < 1) {
    return std::nullopt;
  }
  return std::chrono::seconds(seconds);
}

Result<SpotInstanceAction> parse_spot_action(std::string_view body) {
  auto json = parse_json_object(body, "spot/instance-action");
  if (!json) {
    return std::unexpected(json.error());
  }
  SpotInstanceAction notice{string_field(*json, "action"), {}};
  auto time = parse_iso8601(string_field(*json, "time"));
  if (notice.action.empty() || !time) {
    return fail(ErrorKind::parse, "spot/instance-action lacks a valid action or time");
  }
  notice.time = *time;
  return notice;
}

Result<InstanceIdentity> parse_identity(std::string_view body) {
  auto json = parse_json_object(body, "the instance identity document");
  if (!json) {
    return std::unexpected(json.error());
  }
  InstanceIdentity identity{
      .account_id = string_field(*json, "accountId"),
      .region = string_field(*json, "region"),
      .instance_id = string_field(*json, "instanceId"),
      .instance_type = string_field(*json, "instanceType"),
      .availability_zone = string_field(*json, "availabilityZone"),
      .private_ip = string_field(*json, "privateIp"),
      .image_id = string_field(*json, "imageId"),
      .architecture = string_field(*json, "architecture"),
      .pending_time = std::nullopt,
  };
  if (identity.account_id.empty() || identity.region.empty() || identity.instance_id.empty()) {
    return fail(ErrorKind::parse,
                "the instance identity document lacks accountId, region or instanceId");
  }
  if (auto pending = parse_iso8601(string_field(*json, "pendingTime"))) {
    identity.pending_time = *pending;
  }
  return identity;
}

Result<Credentials> parse_role_credentials(std::string_view body, const std::string& role) {
  auto json = parse_json_object(body, "the instance role's credentials");
  if (!json) {
    return std::unexpected(json.error());
  }
  auto code = string_field(*json, "Code");
  if (code != "Success") {
    return fail(ErrorKind::auth,
                fmt::format("instance metadata has no credentials for role {}: {} {}", role, code,
                            string_field(*json, "Message")));
  }
  Credentials credentials{string_field(*json, "AccessKeyId"),
                          string_field(*json, "SecretAccessKey"), string_field(*json, "Token"),
                          std::nullopt, fmt::format("instance role {}", role)};
  auto expiration = parse_iso8601(string_field(*json, "Expiration"));
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty() || !expiration) {
    return fail(ErrorKind::parse,
                fmt::format("the credentials of instance role {} are incomplete", role));
  }
  credentials.expiration = *expiration;
  return credentials;
}

}  // namespace

Result<ImdsConfig> imds_config_from_env(const Environment& env) {
  ImdsConfig config;
  auto disabled = env.get("AWS_EC2_METADATA_DISABLED");
  config.disabled = disabled && iequals(trim(*disabled), "true");
  auto endpoint = endpoint_from_env(env);
  auto timeout_seconds =
      positive_int(env, "AWS_METADATA_SERVICE_TIMEOUT", static_cast<int>(kImdsTimeout.count()));
  auto attempts = positive_int(env, "AWS_METADATA_SERVICE_NUM_ATTEMPTS", kImdsMaxAttempts);
  if (!endpoint) {
    return std::unexpected(endpoint.error());
  }
  if (!timeout_seconds) {
    return std::unexpected(timeout_seconds.error());
  }
  if (!attempts) {
    return std::unexpected(attempts.error());
  }
  config.endpoint = *endpoint;
  config.timeouts =
      Timeouts{std::chrono::seconds(*timeout_seconds), std::chrono::seconds(*timeout_seconds)};
  config.max_attempts = *attempts;
  return config;
}

ImdsClient::ImdsClient(HttpTransport& transport, Clock& clock, ImdsConfig config)
    : transport_(transport), clock_(clock), config_(std::move(config)) {}

Result<std::string> ImdsClient::get(std::string_view path) {
  return fetch(fmt::format("{}{}", kMetadataPrefix, path));
}

Result<std::string> ImdsClient::instance_id() {
  auto id = get("instance-id");
  if (!id) {
    return id;
  }
  return std::string(trim(*id));
}

Result<std::string> ImdsClient::region() {
  auto region = get("placement/region");
  if (!region) {
    return region;
  }
  return std::string(trim(*region));
}

Result<std::map<std::string, std::string>> ImdsClient::instance_tags() {
  auto listing = get("tags/instance");
  if (!listing) {
    if (listing.error().kind == ErrorKind::not_found) {
      return fail(ErrorKind::not_found,
                  "instance metadata has no tags: tags in instance metadata are not enabled for "
                  "this instance (InstanceMetadataTags=enabled in its metadata options)");
    }
    return std::unexpected(listing.error());
  }
  std::map<std::string, std::string> tags;
  for (const auto& key : lines_of(*listing)) {
    auto value = get(fmt::format("tags/instance/{}", key));
    if (!value) {
      return std::unexpected(value.error());
    }
    tags.emplace(key, std::move(*value));
  }
  return tags;
}

Result<std::optional<SpotInstanceAction>> ImdsClient::spot_instance_action() {
  auto body = get("spot/instance-action");
  if (!body) {
    if (body.error().kind == ErrorKind::not_found) {
      return std::optional<SpotInstanceAction>();
    }
    return std::unexpected(body.error());
  }
  auto notice = parse_spot_action(*body);
  if (!notice) {
    return std::unexpected(notice.error());
  }
  return std::optional<SpotInstanceAction>(std::move(*notice));
}

Result<InstanceIdentity> ImdsClient::identity_document() {
  auto body = fetch(kIdentityDocumentPath);
  if (!body) {
    return std::unexpected(body.error());
  }
  return parse_identity(*body);
}

Result<Credentials> ImdsClient::role_credentials() {
  auto listing = get("iam/security-credentials/");
  if (!listing && listing.error().kind != ErrorKind::not_found) {
    return std::unexpected(listing.error());
  }
  auto roles = listing ? lines_of(*listing) : std::vector<std::string>{};
  if (roles.empty()) {
    return fail(ErrorKind::not_found, "no IAM role is attached to this instance");
  }
  auto body = get(fmt::format("iam/security-credentials/{}", roles.front()));
  if (!body) {
    return std::unexpected(body.error());
  }
  return parse_role_credentials(*body, roles.front());
}

Result<std::string> ImdsClient::fetch(std::string_view absolute_path) {
  if (config_.disabled) {
    return fail(ErrorKind::not_found,
                "instance metadata is disabled (AWS_EC2_METADATA_DISABLED=true)");
  }
  auto response = authorized_get(absolute_path);
  if (response && response->status == kUnauthorized) {
    response = authorized_get(absolute_path);
  }
  if (!response) {
    return std::unexpected(response.error());
  }
  if (response->status != kOk) {
    return std::unexpected(status_error(response->status, absolute_path));
  }
  return std::move(response->body);
}

Result<HttpResponse> ImdsClient::authorized_get(std::string_view absolute_path) {
  auto session_token = token();
  if (!session_token) {
    return std::unexpected(session_token.error());
  }
  auto request = request_for("GET", absolute_path);
  set_header(request.headers, kTokenHeader, *session_token);
  auto response = send_with_retries(request);
  if (response && response->status == kUnauthorized) {
    forget_token(*session_token);
  }
  return response;
}

Result<HttpResponse> ImdsClient::send_with_retries(const HttpRequest& request) {
  for (int attempt = 1;; ++attempt) {
    auto response = transport_.send(request, config_.timeouts);
    bool retryable = response ? is_retryable_status(response->status)
                              : (response.error().kind == ErrorKind::network ||
                                 response.error().kind == ErrorKind::timeout);
    if (!retryable || attempt >= config_.max_attempts) {
      if (!response) {
        return fail(response.error().kind,
                    fmt::format("could not reach instance metadata at {}: {}",
                                config_.endpoint.to_string(), response.error().message));
      }
      return response;
    }
    clock_.sleep_for(kRetryDelay);
  }
}

Result<std::string> ImdsClient::token() {
  std::lock_guard lock(token_mutex_);
  if (token_.empty() || clock_.now() + kTokenRenewMargin >= token_expiry_) {
    auto fetched = fetch_token();
    if (!fetched) {
      return std::unexpected(fetched.error());
    }
  }
  return token_;
}

Result<void> ImdsClient::fetch_token() {
  auto request = request_for("PUT", kTokenPath);
  set_header(request.headers, kTokenTtlHeader, std::to_string(kTokenTtl.count()));
  auto response = send_with_retries(request);
  if (!response) {
    return std::unexpected(response.error());
  }
  if (response->status != kOk) {
    return std::unexpected(status_error(response->status, kTokenPath));
  }
  auto fresh = trim(response->body);
  if (fresh.empty()) {
    return fail(ErrorKind::parse, "instance metadata answered an empty session token");
  }
  token_ = std::string(fresh);
  token_expiry_ = clock_.now() + std::min(echoed_ttl(*response).value_or(kTokenTtl), kTokenTtl);
  return {};
}

void ImdsClient::forget_token(const std::string& stale) {
  std::lock_guard lock(token_mutex_);
  if (token_ == stale) {
    token_.clear();
  }
}

HttpRequest ImdsClient::request_for(std::string_view method, std::string_view absolute_path) const {
  HttpRequest request;
  request.method = std::string(method);
  request.url = config_.endpoint;
  std::string_view base = request.url.path;
  while (!base.empty() && base.back() == '/') {
    base.remove_suffix(1);
  }
  request.url.path = fmt::format("{}{}", base, absolute_path);
  request.url.query.clear();
  return request;
}

}  // namespace spawn::aws
