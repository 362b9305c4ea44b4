// The server's half of SigV4: read what a request claims (access key, scope,
// signed headers, signature) from its Authorization header or presigned query,
// and recompute the signature it should carry. Parsing is strict and every
// error says which part is malformed, because these messages end up in
// localcloud's answers to clients that got their signing wrong.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "aws/sigv4.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

namespace spawn::aws {

namespace {

constexpr std::size_t kScopeDateLength = 8;  // yyyymmdd
constexpr std::size_t kSignatureLength = 64;
constexpr std::size_t kScopeParts = 5;
constexpr std::string_view kStreamingPrefix = "STREAMING-";     // chunked uploads
constexpr std::string_view kAmzDateShape = "00000000T000000Z";  // '0' stands for a digit

using QueryParameters = std::vector<std::pair<std::string, std::string>>;

std::unexpected<Error> malformed(std::string message) {
  return fail(ErrorKind::auth, std::move(message));
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_amz_date(std::string_view text) {
  return text.size() == kAmzDateShape.size() &&
         std::equal(text.begin(), text.end(), kAmzDateShape.begin(),
                    [](char c, char shape) { return shape == '0' ? is_digit(c) : c == shape; });
}

bool is_signature(std::string_view text) {
  return text.size() == kSignatureLength && std::all_of(text.begin(), text.end(), [](char c) {
           return is_digit(c) || (c >= 'a' && c <= 'f');
         });
}

// Fills the credential fields of `claim` from "<key>/<date>/<region>/<service>/aws4_request".
Result<void> read_credential(std::string_view credential, SignatureClaim& claim) {
  auto parts = split(credential, '/');
  if (parts.size() != kScopeParts || parts[4] != kScopeTerminator) {
    return malformed(fmt::format(
        "Credential \"{}\" is not <access key>/<yyyymmdd>/<region>/<service>/aws4_request",
        credential));
  }
  if (parts[0].empty() || parts[2].empty() || parts[3].empty()) {
    return malformed(fmt::format("Credential \"{}\" has an empty part", credential));
  }
  if (parts[1].size() != kScopeDateLength ||
      !std::all_of(parts[1].begin(), parts[1].end(), is_digit)) {
    return malformed(fmt::format("Credential date \"{}\" is not yyyymmdd", parts[1]));
  }
  claim.access_key_id = parts[0];
  claim.date = parts[1];
  claim.region = parts[2];
  claim.service = parts[3];
  return {};
}

Result<void> read_signed_headers(std::string_view list, SignatureClaim& claim) {
  claim.signed_headers = split(list, ';');
  for (const auto& name : claim.signed_headers) {
    if (name.empty() || name != to_lower(name)) {
      return malformed(
          fmt::format("SignedHeaders \"{}\" must be lower-case names separated by ';'", list));
    }
  }
  if (std::find(claim.signed_headers.begin(), claim.signed_headers.end(), "host") ==
      claim.signed_headers.end()) {
    return malformed(fmt::format("SignedHeaders \"{}\" does not include host", list));
  }
  return {};
}

Result<void> read_signature(std::string_view text, SignatureClaim& claim) {
  if (!is_signature(text)) {
    return malformed(fmt::format("Signature \"{}\" is not 64 lower-case hex digits", text));
  }
  claim.signature = std::string(text);
  return {};
}

// Applies one "Name=value" field of the Authorization header to `claim`.
Result<void> read_authorization_field(std::string_view field, SignatureClaim& claim) {
  auto equals = field.find('=');
  auto name = field.substr(0, equals);
  auto value = equals == std::string_view::npos ? std::string_view() : field.substr(equals + 1);
  if (name == "Credential")
    return read_credential(value, claim);
  if (name == "SignedHeaders")
    return read_signed_headers(value, claim);
  if (name == "Signature")
    return read_signature(value, claim);
  return malformed(fmt::format("unexpected \"{}\" in the Authorization header", field));
}

// The decoded X-Amz-* parameters of a query, by name; repeats are an error.
Result<QueryParameters> amz_parameters(std::string_view query) {
  QueryParameters parameters;
  for (const auto& field : split(query, '&')) {
    if (!field.starts_with("X-Amz-"))
      continue;
    auto equals = field.find('=');
    auto value = percent_decode(
        equals == std::string::npos ? "" : std::string_view(field).substr(equals + 1),
        PlusMeans::plus);
    auto name = field.substr(0, equals);
    if (!value)
      return malformed(fmt::format("query parameter {} is badly encoded", name));
    if (std::any_of(parameters.begin(), parameters.end(),
                    [&](const auto& seen) { return seen.first == name; })) {
      return malformed(fmt::format("query parameter {} appears more than once", name));
    }
    parameters.emplace_back(name, std::move(*value));
  }
  return parameters;
}

Result<std::string> required(const QueryParameters& parameters, std::string_view name) {
  for (const auto& [key, value] : parameters) {
    if (key == name)
      return value;
  }
  return malformed(fmt::format("presigned URL lacks the {} parameter", name));
}

Result<std::chrono::seconds> read_expires(std::string_view text) {
  long long seconds = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc{} || end != text.data() + text.size() || seconds < 1 ||
      seconds > kMaxPresignExpiry.count()) {
    return malformed(fmt::format("X-Amz-Expires \"{}\" is not a number of seconds from 1 to {}",
                                 text, kMaxPresignExpiry.count()));
  }
  return std::chrono::seconds(seconds);
}

// Fills the presigned claim's fields from its decoded parameters.
Result<void> read_presigned(const QueryParameters& parameters, SignatureClaim& claim) {
  auto algorithm = required(parameters, "X-Amz-Algorithm");
  if (!algorithm)
    return std::unexpected(algorithm.error());
  if (*algorithm != kSigV4Algorithm) {
    return malformed(fmt::format("X-Amz-Algorithm \"{}\" is not {}", *algorithm, kSigV4Algorithm));
  }
  auto credential = required(parameters, "X-Amz-Credential");
  auto amz_date = required(parameters, "X-Amz-Date");
  auto expires = required(parameters, "X-Amz-Expires");
  auto signed_headers = required(parameters, "X-Amz-SignedHeaders");
  auto signature_text = required(parameters, "X-Amz-Signature");
  for (const auto* part : {&credential, &amz_date, &expires, &signed_headers, &signature_text}) {
    if (!*part)
      return std::unexpected(part->error());
  }
  if (!is_amz_date(*amz_date)) {
    return malformed(fmt::format("X-Amz-Date \"{}\" is not yyyymmddThhmmssZ", *amz_date));
  }
  claim.amz_date = *amz_date;
  auto seconds = read_expires(*expires);
  if (!seconds)
    return std::unexpected(seconds.error());
  claim.expires = *seconds;
  if (auto ok = read_credential(*credential, claim); !ok)
    return ok;
  if (auto ok = read_signed_headers(*signed_headers, claim); !ok)
    return ok;
  return read_signature(*signature_text, claim);
}

// `query` without its X-Amz-Signature parameter: what the client signed.
std::string query_without_signature(std::string_view query) {
  std::vector<std::string> kept;
  for (auto& field : split(query, '&')) {
    if (!field.starts_with("X-Amz-Signature=") && field != "X-Amz-Signature") {
      kept.push_back(std::move(field));
    }
  }
  return join(kept, "&");
}

Result<void> check_signed_headers_present(const HttpRequest& received,
                                          const SignatureClaim& claim) {
  for (const auto& name : claim.signed_headers) {
    if (name != "host" && !received.header(name)) {
      return malformed(fmt::format("signed header {} is missing from the request", name));
    }
  }
  return {};
}

std::string received_payload_hash(const HttpRequest& received, const SignatureClaim& claim,
                                  const VerifyOptions& options) {
  if (auto declared = received.header("X-Amz-Content-SHA256"))
    return std::string(trim(*declared));
  if (claim.location == SignatureLocation::query &&
      options.presign_payload == PresignPayload::unsigned_payload) {
    return std::string(kUnsignedPayload);
  }
  return sha256_hex(received.body);
}

}  // namespace

Result<SignatureClaim> parse_authorization_header(std::string_view value) {
  auto text = trim(value);
  if (!text.starts_with(kSigV4Algorithm) || text.size() == kSigV4Algorithm.size() ||
      text[kSigV4Algorithm.size()] != ' ') {
    return malformed(
        fmt::format("the Authorization header does not start with \"{} \"", kSigV4Algorithm));
  }
  SignatureClaim claim;
  claim.location = SignatureLocation::authorization_header;
  for (const auto& field : split(text.substr(kSigV4Algorithm.size() + 1), ',')) {
    if (auto ok = read_authorization_field(trim(field), claim); !ok) {
      return std::unexpected(ok.error());
    }
  }
  if (claim.access_key_id.empty())
    return malformed("the Authorization header has no Credential");
  if (claim.signed_headers.empty()) {
    return malformed("the Authorization header has no SignedHeaders");
  }
  if (claim.signature.empty())
    return malformed("the Authorization header has no Signature");
  return claim;
}

Result<SignatureClaim> parse_presigned_query(std::string_view query) {
  auto parameters = amz_parameters(query);
  if (!parameters)
    return std::unexpected(parameters.error());
  SignatureClaim claim;
  claim.location = SignatureLocation::query;
  if (auto ok = read_presigned(*parameters, claim); !ok)
    return std::unexpected(ok.error());
  for (const auto& [name, value] : *parameters) {
    if (name == "X-Amz-Security-Token")
      claim.security_token = value;
  }
  return claim;
}

Result<SignatureClaim> read_signature_claim(const HttpRequest& received) {
  auto authorization = received.header("Authorization");
  auto claim = authorization ? parse_authorization_header(*authorization)
                             : parse_presigned_query(received.url.query);
  if (!claim)
    return claim;
  if (authorization) {
    auto amz_date = trim(received.header("X-Amz-Date").value_or(""));
    if (!is_amz_date(amz_date)) {
      return malformed("the request has no X-Amz-Date header of the form yyyymmddThhmmssZ");
    }
    claim->amz_date = std::string(amz_date);
    claim->security_token = std::string(trim(received.header("X-Amz-Security-Token").value_or("")));
  }
  if (!claim->amz_date.starts_with(claim->date)) {
    return malformed(fmt::format("the credential scope date {} does not match X-Amz-Date {}",
                                 claim->date, claim->amz_date));
  }
  return claim;
}

VerifyOptions verify_options_for(std::string_view service) {
  auto presign = presign_options_for(service, kMaxPresignExpiry);
  return VerifyOptions{presign.path, presign.payload};
}

Result<SigningSteps> expected_signature(const HttpRequest& received, const SignatureClaim& claim,
                                        std::string_view secret_access_key,
                                        const VerifyOptions& options) {
  if (auto present = check_signed_headers_present(received, claim); !present) {
    return std::unexpected(present.error());
  }
  HttpRequest as_signed = received;
  if (claim.location == SignatureLocation::query) {
    as_signed.url.query = query_without_signature(received.url.query);
  }
  auto canonical = canonical_request(as_signed, claim.signed_headers, options.path,
                                     received_payload_hash(received, claim, options));
  auto text = string_to_sign(claim.amz_date,
                             credential_scope(claim.date, claim.region, claim.service), canonical);
  auto hex =
      signature(signing_key(secret_access_key, claim.date, claim.region, claim.service), text);
  return SigningSteps{std::move(canonical), std::move(text), std::move(hex)};
}

bool declared_payload_hash_matches(const HttpRequest& received) {
  auto header = received.header("X-Amz-Content-SHA256");
  if (!header)
    return true;
  auto declared = trim(*header);
  if (declared == kUnsignedPayload || declared.starts_with(kStreamingPrefix))
    return true;
  return constant_time_equals(declared, sha256_hex(received.body));
}

}  // namespace spawn::aws
