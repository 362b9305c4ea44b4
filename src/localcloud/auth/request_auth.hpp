// Checks a received request's SigV4 signature the way AWS does, and names the
// failure in the service's own words: EC2 says AuthFailure where IAM says
// InvalidClientTokenId, SSM UnrecognizedClientException and S3
// InvalidAccessKeyId; a stale request is RequestExpired to EC2 and
// RequestTimeTooSkewed to S3. Each code keeps AWS's HTTP status.
#pragma once

#include <chrono>
#include <expected>
#include <string_view>

#include "aws/http.hpp"
#include "aws/sigv4.hpp"
#include "localcloud/api/api.hpp"
#include "localcloud/auth/credential_store.hpp"

namespace spawn::localcloud {

// How far a signed request's X-Amz-Date may be from the server's clock.
inline constexpr std::chrono::minutes kMaxClockSkew{15};

enum class AuthProblem {
  missing,        // no Authorization header and no presigned query
  malformed,      // a claim that cannot be parsed
  unknown_key,    // access key not known
  bad_token,      // temporary key with a wrong or missing session token
  key_expired,    // temporary key past its expiry
  bad_signature,  // recomputed signature differs, or the body does not match its hash
  stale,          // X-Amz-Date too far from now
  url_expired,    // presigned URL past X-Amz-Expires
};

struct Authenticated {
  aws::SignatureClaim claim;
  AccessKey key;
};

struct AuthFailure {
  AuthProblem problem;
  std::string detail;  // what the client got wrong, for the message
};

std::expected<Authenticated, AuthFailure> authenticate(const aws::HttpRequest& request,
                                                       const CredentialStore& credentials,
                                                       SystemTime now);

// The error `service` (signing name) answers for `failure`.
ApiError auth_error(std::string_view service, const AuthFailure& failure);

}  // namespace spawn::localcloud
