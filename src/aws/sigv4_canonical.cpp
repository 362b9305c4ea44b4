#include "aws/sigv4_canonical.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "util/encoding.hpp"
#include "util/strings.hpp"

namespace spawn::aws {

namespace {

constexpr std::array<std::string_view, 11> kUnsignedHeaders = {
    "accept-encoding",   "authorization",
    "connection",        "expect",
    "keep-alive",        "proxy-authorization",
    "proxy-connection",  "te",
    "transfer-encoding", "upgrade",
    "user-agent"};
constexpr std::string_view kUnsignedPrefix = "amz-sdk-";
constexpr std::string_view kTraceHeader = "x-amzn-trace-id";

bool is_header_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// A query key or value in canonical form: decoded, then encoded once.
std::string canonical_query_part(std::string_view part) {
  auto decoded = percent_decode(part, PlusMeans::plus);
  return uri_encode(decoded ? std::string_view(*decoded) : part, Slash::encode);
}

// The non-empty, non-"." segments of `path` with ".." applied.
std::vector<std::string_view> resolved_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = std::min(path.find('/', start), path.size());
    auto segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty())
        segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  return segments;
}

}  // namespace

bool is_unsigned_header(std::string_view name) {
  auto lower = to_lower(name);
  return lower == kTraceHeader || lower.starts_with(kUnsignedPrefix) ||
         std::find(kUnsignedHeaders.begin(), kUnsignedHeaders.end(), lower) !=
             kUnsignedHeaders.end();
}

std::vector<std::string> headers_to_sign(const Headers& headers) {
  std::vector<std::string> names{"host"};
  for (const auto& [name, value] : headers) {
    if (!is_unsigned_header(name))
      names.push_back(to_lower(name));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::string normalize_path(std::string_view path) {
  auto segments = resolved_segments(path);
  std::string out = path.starts_with('/') ? "/" : "";
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i > 0)
      out += '/';
    out += segments[i];
  }
  if (path.ends_with('/') && !segments.empty())
    out += '/';
  return out.empty() ? "/" : out;
}

std::string canonical_uri(std::string_view path, PathHandling handling) {
  switch (handling) {
    case PathHandling::normalize_and_encode: return uri_encode(normalize_path(path), Slash::keep);
    case PathHandling::encode_only: return path.empty() ? "/" : uri_encode(path, Slash::keep);
    case PathHandling::as_is: return path.empty() ? "/" : std::string(path);
  }
  return std::string(path);
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& field : split(query, '&')) {
    if (field.empty())
      continue;
    auto equals = field.find('=');
    auto key = std::string_view(field).substr(0, equals);
    auto value = equals == std::string::npos ? std::string_view()
                                             : std::string_view(field).substr(equals + 1);
    pairs.emplace_back(canonical_query_part(key), canonical_query_part(value));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [key, value] : pairs) {
    if (!out.empty())
      out += '&';
    out += key;
    out += '=';
    out += value;
  }
  return out;
}

std::string canonical_header_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (char c : value) {
    if (is_header_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space)
      out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string canonical_headers(const HttpRequest& request, const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    std::vector<std::string> values;
    for (const auto& [header, value] : request.headers) {
      if (iequals(header, name))
        values.push_back(canonical_header_value(value));
    }
    if (values.empty() && name == "host")
      values.push_back(request.url.authority());
    out += name + ":" + join(values, ",") + "\n";
  }
  return out;
}

std::string canonical_request(const HttpRequest& request, const std::vector<std::string>& names,
                              PathHandling path, std::string_view payload_hash) {
  std::string out = request.method + "\n";
  out += canonical_uri(request.url.path, path) + "\n";
  out += canonical_query(request.url.query) + "\n";
  out += canonical_headers(request, names) + "\n";
  out += join(names, ";") + "\n";
  out += payload_hash;
  return out;
}

}  // namespace spawn::aws
