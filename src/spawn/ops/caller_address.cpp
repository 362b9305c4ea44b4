#include "spawn/ops/caller_address.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <vector>

#include "util/strings.hpp"

namespace spawn::ops {
namespace {

constexpr int kMaxPrefix = 32;
constexpr std::string_view kSshFromHint =
    "Pass --ssh-from CIDR to say where your SSH connections come from (e.g. --ssh-from "
    "203.0.113.7/32).";

// One decimal octet: 1 to 3 digits, no leading zero, at most 255.
bool parse_octet(std::string_view text, std::uint32_t& octet) {
  if (text.empty() || text.size() > 3 || (text.size() > 1 && text.front() == '0'))
    return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), octet);
  return ec == std::errc{} && end == text.data() + text.size() && octet <= 255;
}

// The address as a 32-bit number, when `text` is a strict dotted quad.
std::optional<std::uint32_t> ipv4_value(std::string_view text) {
  std::vector<std::string> parts = split(text, '.');
  if (parts.size() != 4)
    return std::nullopt;
  std::uint32_t value = 0;
  for (const std::string& part : parts) {
    std::uint32_t octet = 0;
    if (!parse_octet(part, octet))
      return std::nullopt;
    value = (value << 8) | octet;
  }
  return value;
}

std::string dotted(std::uint32_t value) {
  return fmt::format("{}.{}.{}.{}", value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff,
                     value & 0xff);
}

std::optional<int> parse_prefix(std::string_view text) {
  int prefix = -1;
  if (text.empty() || text.size() > 2 || (text.size() > 1 && text.front() == '0'))
    return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), prefix);
  if (ec != std::errc{} || end != text.data() + text.size() || prefix < 0 || prefix > kMaxPrefix)
    return std::nullopt;
  return prefix;
}

std::uint32_t network_mask(int prefix) {
  return prefix == 0 ? 0 : ~std::uint32_t{0} << (kMaxPrefix - prefix);
}

Error checkip_error(ErrorKind kind, std::string_view url, std::string_view what) {
  return Error{kind, fmt::format("cannot find your public IP address from {}: {}", url, what),
               std::nullopt, std::string(kSshFromHint)};
}

}  // namespace

Result<std::string> parse_ipv4(std::string_view text) {
  if (!ipv4_value(text))
    return fail(ErrorKind::parse, fmt::format("\"{}\" is not an IPv4 address", text));
  return std::string(text);
}

Result<std::string> caller_cidr(aws::HttpTransport& transport, const Environment& env) {
  std::string url_text = env.get_nonempty(kCheckIpUrlVariable).value_or(std::string(kCheckIpUrl));
  auto url = aws::Url::parse(url_text);
  if (!url) {
    return fail(ErrorKind::usage,
                fmt::format("{}={} is not an http(s) URL", kCheckIpUrlVariable, url_text));
  }
  aws::HttpRequest request;
  request.url = *url;
  aws::Timeouts timeouts{kCheckIpTimeout, kCheckIpTimeout};
  auto response = transport.send(request, timeouts);
  if (!response)
    return std::unexpected(
        checkip_error(response.error().kind, url_text, response.error().message));
  if (response->status != 200) {
    return std::unexpected(checkip_error(ErrorKind::network, url_text,
                                         fmt::format("it answered HTTP {}", response->status)));
  }
  std::string_view answer = trim(response->body);
  auto address = ipv4_value(answer);
  if (!address) {
    constexpr std::size_t kShown = 40;
    return std::unexpected(checkip_error(
        ErrorKind::parse, url_text,
        fmt::format("the answer \"{}\" is not an IPv4 address", answer.substr(0, kShown))));
  }
  return dotted(*address) + "/32";
}

Result<std::string> parse_ssh_from(std::string_view text) {
  std::string_view trimmed = trim(text);
  std::size_t slash = trimmed.find('/');
  auto address = ipv4_value(trimmed.substr(0, slash));
  std::optional<int> prefix =
      slash == std::string_view::npos ? kMaxPrefix : parse_prefix(trimmed.substr(slash + 1));
  if (!address || !prefix) {
    return fail(ErrorKind::usage,
                fmt::format("--ssh-from \"{}\" is not an IPv4 address or CIDR range", text),
                "Give an address such as 203.0.113.7 or a range such as 203.0.113.0/24.");
  }
  return fmt::format("{}/{}", dotted(*address & network_mask(*prefix)), *prefix);
}

}  // namespace spawn::ops
