#include "aws/http.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "util/strings.hpp"

namespace spawn::aws {

namespace {

constexpr std::uint16_t kHttpPort = 80;
constexpr std::uint16_t kHttpsPort = 443;

std::uint16_t default_port(std::string_view scheme) {
  return scheme == "http" ? kHttpPort : kHttpsPort;
}

Result<std::uint16_t> parse_port(std::string_view text, std::string_view url) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value == 0 ||
      value > 65535) {
    return fail(ErrorKind::usage, fmt::format("invalid port \"{}\" in URL \"{}\"", text, url));
  }
  return static_cast<std::uint16_t>(value);
}

// Splits "host", "host:port", "[v6]" or "[v6]:port" into the url's host and port.
Result<void> parse_authority(std::string_view authority, std::string_view text, Url& url) {
  std::optional<std::string_view> port_text;
  if (authority.starts_with('[')) {
    auto close = authority.find(']');
    if (close == std::string_view::npos) {
      return fail(ErrorKind::usage, fmt::format("unclosed '[' in URL \"{}\"", text));
    }
    url.host = std::string(authority.substr(1, close - 1));
    auto rest = authority.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) {
      return fail(ErrorKind::usage, fmt::format("unexpected text after ']' in URL \"{}\"", text));
    }
    if (!rest.empty())
      port_text = rest.substr(1);
  } else {
    auto colon = authority.find(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos)
      port_text = authority.substr(colon + 1);
  }
  if (url.host.empty())
    return fail(ErrorKind::usage, fmt::format("no host in URL \"{}\"", text));
  if (!port_text)
    return {};
  auto port = parse_port(*port_text, text);
  if (!port)
    return std::unexpected(port.error());
  url.port = *port;
  return {};
}

bool host_needs_brackets(std::string_view host) {
  return host.find(':') != std::string_view::npos;
}

}  // namespace

std::string Url::authority() const {
  std::string out = host_needs_brackets(host) ? "[" + host + "]" : host;
  if (port != default_port(scheme))
    out += fmt::format(":{}", port);
  return out;
}

std::string Url::target() const {
  std::string out = path.empty() ? "/" : path;
  if (!query.empty())
    out += "?" + query;
  return out;
}

std::string Url::to_string() const {
  return scheme + "://" + authority() + target();
}

Result<Url> Url::parse(std::string_view text) {
  auto separator = text.find("://");
  if (separator == std::string_view::npos) {
    return fail(ErrorKind::usage,
                fmt::format("URL \"{}\" has no scheme (expected http:// or https://)", text));
  }
  Url url;
  url.scheme = to_lower(text.substr(0, separator));
  if (url.scheme != "http" && url.scheme != "https") {
    return fail(ErrorKind::usage,
                fmt::format("URL \"{}\" must start with http:// or https://", text));
  }
  url.port = default_port(url.scheme);
  auto rest = text.substr(separator + 3);
  auto authority_end = std::min(rest.find_first_of("/?#"), rest.size());
  auto authority = rest.substr(0, authority_end);
  if (authority.find('@') != std::string_view::npos) {
    return fail(ErrorKind::usage,
                fmt::format("user information in URL \"{}\" is not supported", text));
  }
  if (auto parsed = parse_authority(authority, text, url); !parsed) {
    return std::unexpected(parsed.error());
  }
  rest = rest.substr(authority_end);
  rest = rest.substr(0, rest.find('#'));
  auto question = rest.find('?');
  url.path = std::string(rest.substr(0, question));
  if (url.path.empty())
    url.path = "/";
  if (question != std::string_view::npos)
    url.query = std::string(rest.substr(question + 1));
  return url;
}

std::optional<std::string_view> find_header(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name))
      return std::string_view(value);
  }
  return std::nullopt;
}

void set_header(Headers& headers, std::string_view name, std::string value) {
  auto first = std::find_if(headers.begin(), headers.end(),
                            [&](const auto& header) { return iequals(header.first, name); });
  if (first == headers.end()) {
    headers.emplace_back(std::string(name), std::move(value));
    return;
  }
  first->second = std::move(value);
  headers.erase(std::remove_if(std::next(first), headers.end(),
                               [&](const auto& header) { return iequals(header.first, name); }),
                headers.end());
}

void remove_header(Headers& headers, std::string_view name) {
  std::erase_if(headers, [&](const auto& header) { return iequals(header.first, name); });
}

}  // namespace spawn::aws
