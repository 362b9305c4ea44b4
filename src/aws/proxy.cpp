// Proxy selection as curl and Python's urllib (under the AWS CLI) do it.
// When both spellings of a variable are set, the lower-case one wins, as in
// both tools. NO_PROXY entries are comma- or space-separated; each is "*",
// an exact host or IP, or a domain that also matches its sub-domains (with
// or without a leading dot); a ":port" on an entry is ignored. A proxy URL
// without a scheme ("proxy:3128") means http://; one spawn cannot use (another
// scheme, user:password@, a bad port) is an error, not a silent direct connection.
#include "aws/proxy.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/strings.hpp"

namespace spawn::aws {

namespace {

struct Setting {
  std::string name;  // the spelling that was set
  std::string value;
};

std::optional<Setting> env_either_case(const Environment& env, std::string_view lower,
                                       std::string_view upper) {
  for (auto name : {lower, upper}) {
    if (auto value = env.get_nonempty(name))
      return Setting{std::string(name), *value};
  }
  return std::nullopt;
}

Result<std::optional<Url>> proxy_url(const std::optional<Setting>& setting) {
  if (!setting)
    return std::nullopt;
  std::string with_scheme(trim(setting->value));
  if (with_scheme.find("://") == std::string::npos)
    with_scheme = "http://" + with_scheme;
  auto url = Url::parse(with_scheme);
  if (!url || url->scheme != "http") {
    std::string reason = url ? "only http:// proxies are supported" : url.error().message;
    return fail(ErrorKind::usage,
                fmt::format("{}={} is not a proxy spawn can use: {}", setting->name, setting->value,
                            reason),
                fmt::format("Set {} to a proxy URL such as http://proxy.example.com:3128, or "
                            "unset it.",
                            setting->name));
  }
  return std::optional<Url>(std::move(*url));
}

// "host", "[v6]", "host:port" or "[v6]:port" -> the host part, lower-cased.
std::string entry_host(std::string_view entry) {
  if (entry.starts_with('[')) {
    auto close = entry.find(']');
    return to_lower(entry.substr(1, close == std::string_view::npos ? entry.npos : close - 1));
  }
  if (std::count(entry.begin(), entry.end(), ':') == 1)
    entry = entry.substr(0, entry.find(':'));
  return to_lower(entry);
}

std::vector<std::string> no_proxy_entries(const std::optional<Setting>& setting) {
  std::vector<std::string> entries;
  if (!setting)
    return entries;
  std::string normalised = setting->value;
  std::replace_if(
      normalised.begin(), normalised.end(), [](char c) { return c == ' ' || c == '\t'; }, ',');
  for (const auto& part : split(normalised, ',')) {
    if (!trim(part).empty())
      entries.push_back(std::string(trim(part)));
  }
  return entries;
}

bool bypasses(std::string_view entry_text, const std::string& host) {
  if (entry_text == "*")
    return true;
  std::string entry = entry_host(entry_text);
  if (entry.starts_with('.'))
    entry.erase(0, 1);
  if (entry.empty())
    return false;
  if (host == entry)
    return true;
  return host.size() > entry.size() && host.ends_with(entry) &&
         host[host.size() - entry.size() - 1] == '.';
}

}  // namespace

std::optional<Url> ProxySettings::proxy_for(const Url& url) const {
  std::string host = to_lower(url.host);
  for (const auto& entry : no_proxy) {
    if (bypasses(entry, host))
      return std::nullopt;
  }
  return url.scheme == "https" ? https_proxy : http_proxy;
}

Result<ProxySettings> ProxySettings::from_env(const Environment& env) {
  auto https_proxy = proxy_url(env_either_case(env, "https_proxy", "HTTPS_PROXY"));
  if (!https_proxy)
    return std::unexpected(https_proxy.error());
  auto http_proxy = proxy_url(env_either_case(env, "http_proxy", "HTTP_PROXY"));
  if (!http_proxy)
    return std::unexpected(http_proxy.error());
  return ProxySettings{std::move(*https_proxy), std::move(*http_proxy),
                       no_proxy_entries(env_either_case(env, "no_proxy", "NO_PROXY"))};
}

}  // namespace spawn::aws
