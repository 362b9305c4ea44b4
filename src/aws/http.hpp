// The HTTP vocabulary shared by the signer, the transport, the protocols and
// (later) localcloud's verifier. Header order is kept as built, because
// signatures and captured requests are compared byte for byte; names compare
// case-insensitively.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/result.hpp"

namespace spawn::aws {

struct Url {
  std::string scheme = "https";  // "http" or "https"
  std::string host;              // no brackets, no port
  std::uint16_t port = 443;
  std::string path = "/";  // as sent on the wire (already percent-encoded)
  std::string query;       // as sent on the wire, without the leading '?'

  // "host" or "host:port" when the port is not the scheme's default, as the Host header wants.
  std::string authority() const;
  // path plus "?query" when there is a query: the request-target of the request line.
  std::string target() const;
  std::string to_string() const;
  // Parses "scheme://host[:port][/path][?query]". Only http and https are accepted.
  static Result<Url> parse(std::string_view text);
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// The value of the first header named `name` (case-insensitive), if any.
std::optional<std::string_view> find_header(const Headers& headers, std::string_view name);
// Replaces every header named `name` with one `name: value`, or appends it.
void set_header(Headers& headers, std::string_view name, std::string value);
void remove_header(Headers& headers, std::string_view name);

struct HttpRequest {
  std::string method = "GET";
  Url url;
  Headers headers;
  std::string body;

  std::optional<std::string_view> header(std::string_view name) const {
    return find_header(headers, name);
  }
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;

  std::optional<std::string_view> header(std::string_view name) const {
    return find_header(headers, name);
  }
};

}  // namespace spawn::aws
