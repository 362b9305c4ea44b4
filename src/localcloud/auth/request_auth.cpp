#include "localcloud/auth/request_auth.hpp"

#include <fmt/format.h>

#include <array>

#include "util/crypto.hpp"
#include "util/time_format.hpp"

namespace spawn::localcloud {
namespace {

bool carries_signature(const aws::HttpRequest& request) {
  return request.header("Authorization").has_value() ||
         request.url.query.find("X-Amz-Signature=") != std::string::npos;
}

std::unexpected<AuthFailure> failure(AuthProblem problem, std::string detail) {
  return std::unexpected(AuthFailure{problem, std::move(detail)});
}

std::expected<void, AuthFailure> check_time(const aws::SignatureClaim& claim, SystemTime now) {
  auto signed_at = parse_iso8601(claim.amz_date);
  if (!signed_at)
    return failure(AuthProblem::malformed, "X-Amz-Date is not yyyymmddThhmmssZ");
  if (claim.expires) {
    if (now > *signed_at + *claim.expires) {
      return failure(AuthProblem::url_expired,
                     fmt::format("Request has expired (signed {}, valid {} s)", claim.amz_date,
                                 claim.expires->count()));
    }
    return {};
  }
  auto skew = now > *signed_at ? now - *signed_at : *signed_at - now;
  if (skew > kMaxClockSkew) {
    return failure(AuthProblem::stale,
                   fmt::format("Signature date {} is more than {} minutes from the server time {}",
                               claim.amz_date, kMaxClockSkew.count(), format_amz_date(now)));
  }
  return {};
}

std::expected<void, AuthFailure> check_key(const aws::SignatureClaim& claim, const AccessKey& key,
                                           SystemTime now) {
  if (key.session_token.empty())
    return {};
  if (claim.security_token.empty() ||
      !constant_time_equals(claim.security_token, key.session_token)) {
    return failure(AuthProblem::bad_token,
                   "The security token included in the request is invalid.");
  }
  if (key.expires && now >= *key.expires) {
    return failure(AuthProblem::key_expired,
                   "The security token included in the request is expired");
  }
  return {};
}

}  // namespace

std::expected<Authenticated, AuthFailure> authenticate(const aws::HttpRequest& request,
                                                       const CredentialStore& credentials,
                                                       SystemTime now) {
  if (!carries_signature(request)) {
    return failure(AuthProblem::missing, "Request is missing Authentication Token");
  }
  auto claim = aws::read_signature_claim(request);
  if (!claim)
    return failure(AuthProblem::malformed, claim.error().message);
  auto key = credentials.find(claim->access_key_id);
  if (!key) {
    return failure(AuthProblem::unknown_key,
                   "The AWS Access Key Id you provided does not exist in our records.");
  }
  if (auto checked = check_key(*claim, *key, now); !checked)
    return std::unexpected(checked.error());
  if (auto timely = check_time(*claim, now); !timely)
    return std::unexpected(timely.error());
  auto expected = aws::expected_signature(request, *claim, key->secret_access_key,
                                          aws::verify_options_for(claim->service));
  if (!expected)
    return failure(AuthProblem::malformed, expected.error().message);
  if (!constant_time_equals(expected->signature, claim->signature) ||
      !aws::declared_payload_hash_matches(request)) {
    return failure(AuthProblem::bad_signature,
                   "The request signature we calculated does not match the signature you "
                   "provided. Check your AWS Secret Access Key and signing method.");
  }
  return Authenticated{std::move(*claim), std::move(*key)};
}

namespace {

// One row per service family: the code and HTTP status for each problem, in enum order.
struct AuthCodes {
  std::string_view code;
  int status;
};
using AuthTable = std::array<AuthCodes, 8>;

constexpr AuthTable kEc2Codes{{{"MissingAuthenticationToken", 401},
                               {"IncompleteSignature", 400},
                               {"AuthFailure", 401},
                               {"AuthFailure", 401},
                               {"RequestExpired", 400},
                               {"SignatureDoesNotMatch", 403},
                               {"RequestExpired", 400},
                               {"RequestExpired", 400}}};
constexpr AuthTable kQueryCodes{{{"MissingAuthenticationToken", 403},
                                 {"IncompleteSignature", 400},
                                 {"InvalidClientTokenId", 403},
                                 {"InvalidClientTokenId", 403},
                                 {"ExpiredToken", 403},
                                 {"SignatureDoesNotMatch", 403},
                                 {"SignatureDoesNotMatch", 403},
                                 {"SignatureDoesNotMatch", 403}}};
constexpr AuthTable kJsonCodes{{{"MissingAuthenticationTokenException", 400},
                                {"IncompleteSignatureException", 400},
                                {"UnrecognizedClientException", 400},
                                {"UnrecognizedClientException", 400},
                                {"ExpiredTokenException", 400},
                                {"InvalidSignatureException", 400},
                                {"InvalidSignatureException", 400},
                                {"InvalidSignatureException", 400}}};
constexpr AuthTable kS3Codes{{{"AccessDenied", 403},
                              {"AuthorizationHeaderMalformed", 400},
                              {"InvalidAccessKeyId", 403},
                              {"InvalidToken", 400},
                              {"ExpiredToken", 400},
                              {"SignatureDoesNotMatch", 403},
                              {"RequestTimeTooSkewed", 403},
                              {"AccessDenied", 403}}};

const AuthTable& table_for(std::string_view service) {
  if (service == "iam" || service == "sts")
    return kQueryCodes;
  if (service == "ssm" || service == "dynamodb")
    return kJsonCodes;
  if (service == "s3")
    return kS3Codes;
  return kEc2Codes;
}

}  // namespace

ApiError auth_error(std::string_view service, const AuthFailure& failure) {
  const AuthCodes& codes = table_for(service)[static_cast<std::size_t>(failure.problem)];
  return ApiError{codes.status, std::string(codes.code), failure.detail};
}

}  // namespace spawn::localcloud
