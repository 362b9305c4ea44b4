// AWS Signature Version 4: signing requests (Authorization header), presigning
// URLs (query parameters), and what a server needs to check either.
//
// Why it is shaped this way: the signer is checked against AWS's two published
// suites and against real AWS CLI requests byte for byte, and localcloud reuses
// the same canonicalisation (sigv4_canonical.hpp) to verify what clients send.
// The choices that differ between services are explicit options rather than
// guesses from the request: how the path is canonicalised (S3 signs its wire
// path, everyone else a normalised and re-encoded one), whether the payload
// hash travels as X-Amz-Content-SHA256 (S3 always), whether the session token
// is signed (the suites' "omit_session_token"/"header-after" cases add it after
// signing), and, for presigned URLs, whether the payload is UNSIGNED-PAYLOAD
// (S3) or hashed. signing_options_for() picks botocore's choices by signing name.
//
// Which headers are signed is a deny-list (see is_unsigned_header): every header
// present at signing time except the ones proxies and the HTTP layer change.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/credentials.hpp"
#include "aws/http.hpp"
#include "aws/sigv4_canonical.hpp"
#include "util/clock.hpp"
#include "util/crypto.hpp"
#include "util/result.hpp"

namespace spawn::aws {

inline constexpr std::string_view kSigV4Algorithm = "AWS4-HMAC-SHA256";
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
// The last part of every credential scope.
inline constexpr std::string_view kScopeTerminator = "aws4_request";
// The longest a presigned URL may live (seven days).
inline constexpr std::chrono::seconds kMaxPresignExpiry{7 * 24 * 3600};

// Who signs for what, and when.
struct SigningScope {
  std::string service;  // signing name: "ec2", "s3"
  std::string region;   // "us-east-1"
  SystemTime time;      // becomes X-Amz-Date
};

// Whether the payload hash is also sent (and signed) as X-Amz-Content-SHA256.
enum class PayloadHashHeader { omit, add };
// Whether X-Amz-Security-Token is part of the signature or added after signing.
enum class SessionTokenPlacement { sign, add_after_signing };
// What a presigned URL's canonical request uses as payload hash.
enum class PresignPayload { body_hash, unsigned_payload };

struct SigningOptions {
  PathHandling path = PathHandling::normalize_and_encode;
  PayloadHashHeader payload_hash_header = PayloadHashHeader::omit;
  SessionTokenPlacement session_token = SessionTokenPlacement::sign;
};

struct PresignOptions {
  std::chrono::seconds expires{3600};
  PathHandling path = PathHandling::normalize_and_encode;
  PresignPayload payload = PresignPayload::body_hash;
  SessionTokenPlacement session_token = SessionTokenPlacement::sign;
};

// botocore's choices for `service`: S3 signs its wire path and sends X-Amz-Content-SHA256;
// every other service normalises and re-encodes the path and sends no payload header.
SigningOptions signing_options_for(std::string_view service);
// As above for presigned URLs; S3's are UNSIGNED-PAYLOAD.
PresignOptions presign_options_for(std::string_view service, std::chrono::seconds expires);

// What a signature was computed from, for --debug output and tests.
struct SigningSteps {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;  // 64 lower-case hex digits
};

// Signs `request` in place: sets X-Amz-Date, X-Amz-Security-Token (when the credentials have
// a session token), X-Amz-Content-SHA256 (when asked; a value the caller already set, such as
// UNSIGNED-PAYLOAD, is kept and signed) and Authorization. Fails only without an access key
// or secret key. The first form uses signing_options_for(scope.service).
Result<SigningSteps> sign_request(HttpRequest& request, const Credentials& credentials,
                                  const SigningScope& scope);
Result<SigningSteps> sign_request(HttpRequest& request, const Credentials& credentials,
                                  const SigningScope& scope, const SigningOptions& options);

struct PresignedUrl {
  Url url;  // the request's URL with the X-Amz-* parameters appended
  SigningSteps steps;
};

// Presigns `request` (its headers are signed too, so the user of the URL must send them).
// Fails without keys, or when `expires` is not between 1 second and kMaxPresignExpiry.
Result<PresignedUrl> presign(const HttpRequest& request, const Credentials& credentials,
                             const SigningScope& scope, const PresignOptions& options);
// The presigned URL as text, with presign_options_for(scope.service, expires).
Result<std::string> presign_url(const HttpRequest& request, const Credentials& credentials,
                                const SigningScope& scope, std::chrono::seconds expires);

// The pure steps, for tests and the verifier.
// "20150830/us-east-1/service/aws4_request" for date "20150830".
std::string credential_scope(std::string_view date, std::string_view region,
                             std::string_view service);
// "AWS4-HMAC-SHA256\n<amz_date>\n<scope>\n<hex sha256 of canonical_request>".
std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request);
// HMAC chain "AWS4"+secret -> date -> region -> service -> "aws4_request".
Sha256Digest signing_key(std::string_view secret_access_key, std::string_view date,
                         std::string_view region, std::string_view service);
// Hex HMAC of `string_to_sign` under `key`.
std::string signature(const Sha256Digest& key, std::string_view string_to_sign);

// Server side: what a received request claims about its signature.
enum class SignatureLocation { authorization_header, query };

struct SignatureClaim {
  SignatureLocation location = SignatureLocation::authorization_header;
  std::string access_key_id;
  std::string date;  // "20150830", from the credential scope
  std::string region;
  std::string service;
  std::vector<std::string> signed_headers;      // as listed by the client
  std::string signature;                        // 64 lower-case hex digits
  std::string amz_date;                         // "20150830T123600Z"; empty from the header parser
  std::optional<std::chrono::seconds> expires;  // presigned URLs only
  std::string security_token;                   // empty when none was sent
};

// Parses "AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request,
// SignedHeaders=<a;b>, Signature=<hex>". Errors (ErrorKind::auth) name what is wrong.
Result<SignatureClaim> parse_authorization_header(std::string_view value);
// Parses the X-Amz-* parameters of a presigned URL's query (wire form).
Result<SignatureClaim> parse_presigned_query(std::string_view query);
// The claim of a received request, from its Authorization header or else its query,
// with amz_date and security_token filled in and the scope date checked against amz_date.
Result<SignatureClaim> read_signature_claim(const HttpRequest& received);

struct VerifyOptions {
  PathHandling path = PathHandling::normalize_and_encode;
  PresignPayload presign_payload = PresignPayload::body_hash;
};
// The options a server uses for requests signed for `service`.
VerifyOptions verify_options_for(std::string_view service);

// The signature the client must have sent, recomputed from `received` with exactly the
// headers the claim lists. The payload hash is X-Amz-Content-SHA256 when sent, else the
// body's hash (or UNSIGNED-PAYLOAD for presigned URLs when the options say so). Fails when a
// signed header is missing. Compare with constant_time_equals().
Result<SigningSteps> expected_signature(const HttpRequest& received, const SignatureClaim& claim,
                                        std::string_view secret_access_key,
                                        const VerifyOptions& options);
// Whether the body matches its X-Amz-Content-SHA256 header: true without the header and for
// the declared-unsigned forms (UNSIGNED-PAYLOAD, STREAMING-*). A signature covers the declared
// hash, not the body, so a server checks both.
bool declared_payload_hash_matches(const HttpRequest& received);

}  // namespace spawn::aws
