// Signing and presigning. The header order a signed request ends up with
// (X-Amz-Security-Token, X-Amz-Date, X-Amz-Content-SHA256, Authorization, each
// replacing an earlier value in place) and the order of the presigned query
// parameters are those of aws-c-auth's expected outputs; neither affects the
// signature. Re-signing a request (a retry) replaces every value it set before.
#include "aws/sigv4.hpp"

#include <fmt/format.h>

#include "util/encoding.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {

namespace {

constexpr std::string_view kS3 = "s3";
constexpr std::size_t kDateLength = 8;  // "20150830" out of "20150830T123600Z"

Result<void> check_keys(const Credentials& credentials) {
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty()) {
    return fail(ErrorKind::auth,
                "cannot sign the request: the credentials lack an access key id or a secret key");
  }
  return {};
}

// The names to sign, without the session token when it is added after signing.
std::vector<std::string> names_to_sign(const Headers& headers, SessionTokenPlacement token) {
  auto names = headers_to_sign(headers);
  if (token == SessionTokenPlacement::add_after_signing) {
    std::erase(names, "x-amz-security-token");
  }
  return names;
}

// The canonical request's hash line: the X-Amz-Content-SHA256 value when the caller set one.
std::string payload_hash_of(const HttpRequest& request) {
  if (auto declared = request.header("X-Amz-Content-SHA256"))
    return std::string(trim(*declared));
  return sha256_hex(request.body);
}

SigningSteps compute_steps(std::string canonical, const Credentials& credentials,
                           const SigningScope& scope, std::string_view amz_date) {
  auto date = amz_date.substr(0, kDateLength);
  auto text =
      string_to_sign(amz_date, credential_scope(date, scope.region, scope.service), canonical);
  auto key = signing_key(credentials.secret_access_key, date, scope.region, scope.service);
  auto hex = signature(key, text);
  return SigningSteps{std::move(canonical), std::move(text), std::move(hex)};
}

std::string credential_of(const Credentials& credentials, const SigningScope& scope,
                          std::string_view amz_date) {
  return credentials.access_key_id + "/" +
         credential_scope(amz_date.substr(0, kDateLength), scope.region, scope.service);
}

void append_query_parameter(std::string& query, std::string_view key, std::string_view value) {
  if (!query.empty())
    query += '&';
  query += std::string(key) + "=" + uri_encode(value, Slash::encode);
}

}  // namespace

SigningOptions signing_options_for(std::string_view service) {
  if (service == kS3) {
    return SigningOptions{PathHandling::as_is, PayloadHashHeader::add, SessionTokenPlacement::sign};
  }
  return SigningOptions{};
}

PresignOptions presign_options_for(std::string_view service, std::chrono::seconds expires) {
  if (service == kS3) {
    return PresignOptions{expires, PathHandling::as_is, PresignPayload::unsigned_payload,
                          SessionTokenPlacement::sign};
  }
  return PresignOptions{expires};
}

Result<SigningSteps> sign_request(HttpRequest& request, const Credentials& credentials,
                                  const SigningScope& scope) {
  return sign_request(request, credentials, scope, signing_options_for(scope.service));
}

Result<SigningSteps> sign_request(HttpRequest& request, const Credentials& credentials,
                                  const SigningScope& scope, const SigningOptions& options) {
  if (auto keys = check_keys(credentials); !keys)
    return std::unexpected(keys.error());
  auto amz_date = format_amz_date(scope.time);
  if (!credentials.session_token.empty()) {
    set_header(request.headers, "X-Amz-Security-Token", credentials.session_token);
  }
  set_header(request.headers, "X-Amz-Date", amz_date);
  if (options.payload_hash_header == PayloadHashHeader::add &&
      !request.header("X-Amz-Content-SHA256")) {
    set_header(request.headers, "X-Amz-Content-SHA256", sha256_hex(request.body));
  }
  auto names = names_to_sign(request.headers, options.session_token);
  auto steps =
      compute_steps(canonical_request(request, names, options.path, payload_hash_of(request)),
                    credentials, scope, amz_date);
  set_header(
      request.headers, "Authorization",
      fmt::format("{} Credential={}, SignedHeaders={}, Signature={}", kSigV4Algorithm,
                  credential_of(credentials, scope, amz_date), join(names, ";"), steps.signature));
  return steps;
}

Result<PresignedUrl> presign(const HttpRequest& request, const Credentials& credentials,
                             const SigningScope& scope, const PresignOptions& options) {
  if (auto keys = check_keys(credentials); !keys)
    return std::unexpected(keys.error());
  if (options.expires.count() < 1 || options.expires > kMaxPresignExpiry) {
    return fail(ErrorKind::usage,
                fmt::format("a presigned URL must expire after 1 to {} seconds, not {}",
                            kMaxPresignExpiry.count(), options.expires.count()));
  }
  auto amz_date = format_amz_date(scope.time);
  auto names = headers_to_sign(request.headers);
  HttpRequest to_sign = request;
  std::string& query = to_sign.url.query;
  append_query_parameter(query, "X-Amz-Algorithm", kSigV4Algorithm);
  append_query_parameter(query, "X-Amz-Credential", credential_of(credentials, scope, amz_date));
  append_query_parameter(query, "X-Amz-Date", amz_date);
  append_query_parameter(query, "X-Amz-SignedHeaders", join(names, ";"));
  append_query_parameter(query, "X-Amz-Expires", std::to_string(options.expires.count()));
  bool has_token = !credentials.session_token.empty();
  if (has_token && options.session_token == SessionTokenPlacement::sign) {
    append_query_parameter(query, "X-Amz-Security-Token", credentials.session_token);
  }
  auto payload_hash = options.payload == PresignPayload::unsigned_payload
                          ? std::string(kUnsignedPayload)
                          : sha256_hex(request.body);
  auto steps = compute_steps(canonical_request(to_sign, names, options.path, payload_hash),
                             credentials, scope, amz_date);
  if (has_token && options.session_token == SessionTokenPlacement::add_after_signing) {
    append_query_parameter(query, "X-Amz-Security-Token", credentials.session_token);
  }
  append_query_parameter(query, "X-Amz-Signature", steps.signature);
  return PresignedUrl{std::move(to_sign.url), std::move(steps)};
}

Result<std::string> presign_url(const HttpRequest& request, const Credentials& credentials,
                                const SigningScope& scope, std::chrono::seconds expires) {
  auto presigned =
      presign(request, credentials, scope, presign_options_for(scope.service, expires));
  if (!presigned)
    return std::unexpected(presigned.error());
  return presigned->url.to_string();
}

std::string credential_scope(std::string_view date, std::string_view region,
                             std::string_view service) {
  return fmt::format("{}/{}/{}/{}", date, region, service, kScopeTerminator);
}

std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request) {
  return fmt::format("{}\n{}\n{}\n{}", kSigV4Algorithm, amz_date, scope,
                     sha256_hex(canonical_request));
}

Sha256Digest signing_key(std::string_view secret_access_key, std::string_view date,
                         std::string_view region, std::string_view service) {
  auto key = hmac_sha256("AWS4" + std::string(secret_access_key), date);
  key = hmac_sha256(key, region);
  key = hmac_sha256(key, service);
  return hmac_sha256(key, kScopeTerminator);
}

std::string signature(const Sha256Digest& key, std::string_view string_to_sign) {
  return hex_encode(hmac_sha256(key, string_to_sign));
}

}  // namespace spawn::aws
