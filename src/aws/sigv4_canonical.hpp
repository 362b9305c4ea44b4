// The canonical request of AWS Signature Version 4: the exact bytes both sides
// hash, so the signer and a verifier (localcloud) must build them identically.
//
// Why it is shaped this way, and the edge cases it handles:
// - Paths. Non-S3 services (botocore's SigV4Auth) take the path as it is on the
//   wire, normalise it (drop "." and "..", collapse "//") and percent-encode it
//   once more, so an already-encoded "/a%20b" is signed as "/a%2520b" (double
//   encoding). The published vectors write raw paths ("/example space/") in the
//   request line, which the same rule encodes once. S3 neither normalises nor
//   re-encodes: the wire path is the canonical URI. aws-c-auth's vectors also
//   have an "encode without normalising" flavour, hence three modes.
// - Query. Every "key=value" is decoded and re-encoded with RFC 3986 rules, so
//   the raw and the percent-encoded spellings of a name sign the same; pairs
//   sort by encoded key, then encoded value (duplicate keys are legal); a key
//   without '=' still gets "key=". A '+' is a literal plus, as the AWS SDKs
//   encode spaces as %20. An escape that does not decode is signed as written.
// - Headers. Names are lower-cased and sorted; values are trimmed and inner runs
//   of whitespace (including folded continuation lines) collapse to one space;
//   a header sent several times is one line, its values joined by ',' in order.
//   Host is the Host header when the request has one, else the URL's authority.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aws/http.hpp"

namespace spawn::aws {

// How the request path becomes the canonical URI (see above).
enum class PathHandling {
  normalize_and_encode,  // every service but S3
  encode_only,           // aws-c-auth's "normalize": false vectors
  as_is,                 // S3: the wire path, untouched
};

// Whether a header is left out of the signature whatever the request carries.
// The deny-list: authorization; user-agent, expect, transfer-encoding and
// x-amzn-trace-id (botocore's list: proxies and the HTTP layer change them);
// accept-encoding and the amz-sdk-* retry/invocation headers (botocore sends
// them unsigned); and the hop-by-hop headers connection, keep-alive,
// proxy-authorization, proxy-connection, te and upgrade. Every other header
// present when the request is signed is signed, which is what both suites expect
// ("My-Header1", and Content-Length when the caller set it). Our transport adds
// Content-Length, User-Agent, Accept-Encoding and Connection after signing.
bool is_unsigned_header(std::string_view name);

// The lower-case names SigV4 signs for `headers`: all but the deny-list, plus
// "host", sorted and without repeats.
std::vector<std::string> headers_to_sign(const Headers& headers);

// The canonical URI of `path` (a wire path) under `handling`.
std::string canonical_uri(std::string_view path, PathHandling handling);
// `path` without "." and ".." segments and empty segments; keeps a leading '/' and a
// trailing '/' after a named segment; "" and paths that vanish become "/".
std::string normalize_path(std::string_view path);
// The canonical query string of `query` (wire form, no leading '?').
std::string canonical_query(std::string_view query);
// A header value as signed: trimmed, inner whitespace runs collapsed to one space.
std::string canonical_header_value(std::string_view value);
// "name:value\n" for each of `names` (lower-case, in the given order). A name the
// request lacks yields "name:\n"; the verifier checks presence before calling this.
std::string canonical_headers(const HttpRequest& request, const std::vector<std::string>& names);

// The full canonical request: method, canonical URI, canonical query, canonical
// headers, signed header list and payload hash, one per line.
std::string canonical_request(const HttpRequest& request, const std::vector<std::string>& names,
                              PathHandling path, std::string_view payload_hash);

}  // namespace spawn::aws
