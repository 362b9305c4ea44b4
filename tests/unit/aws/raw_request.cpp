#include "raw_request.hpp"

#include "util/strings.hpp"

namespace spawn::testing {

namespace {

// Splits at the first empty line (LF or CRLF style) into head and body.
std::pair<std::string_view, std::string_view> split_head(std::string_view text) {
  for (std::string_view separator : {"\r\n\r\n", "\n\n"}) {
    auto at = text.find(separator);
    if (at != std::string_view::npos) {
      return {text.substr(0, at), text.substr(at + separator.size())};
    }
  }
  return {text, {}};
}

Result<void> parse_request_line(std::string_view line, aws::HttpRequest& request) {
  auto first_space = line.find(' ');
  auto last_space = line.rfind(' ');
  if (first_space == std::string_view::npos || first_space == last_space) {
    return fail(ErrorKind::parse, "bad request line: " + std::string(line));
  }
  request.method = std::string(line.substr(0, first_space));
  auto target = line.substr(first_space + 1, last_space - first_space - 1);
  auto question = target.find('?');
  request.url.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos)
    request.url.query = std::string(target.substr(question + 1));
  return {};
}

Result<void> parse_header_line(const std::string& line, aws::HttpRequest& request) {
  if ((line.starts_with(' ') || line.starts_with('\t')) && !request.headers.empty()) {
    request.headers.back().second += "\n" + line;
    return {};
  }
  auto colon = line.find(':');
  if (colon == std::string::npos || colon == 0) {
    return fail(ErrorKind::parse, "bad header line: " + line);
  }
  request.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  return {};
}

Result<void> address_from_host(aws::HttpRequest& request, std::string_view scheme) {
  auto host = request.header("Host");
  if (!host)
    return fail(ErrorKind::parse, "request has no Host header");
  auto url = aws::Url::parse(std::string(scheme) + "://" + std::string(trim(*host)));
  if (!url)
    return std::unexpected(url.error());
  request.url.scheme = url->scheme;
  request.url.host = url->host;
  request.url.port = url->port;
  return {};
}

}  // namespace

Result<aws::HttpRequest> parse_raw_request(std::string_view text, std::string_view scheme) {
  auto [head, body] = split_head(text);
  auto lines = split(head, '\n');
  for (auto& line : lines) {
    if (line.ends_with('\r'))
      line.pop_back();
  }
  aws::HttpRequest request;
  request.body = std::string(body);
  if (auto ok = parse_request_line(lines.front(), request); !ok)
    return std::unexpected(ok.error());
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty())
      continue;
    if (auto ok = parse_header_line(lines[i], request); !ok)
      return std::unexpected(ok.error());
  }
  if (auto ok = address_from_host(request, scheme); !ok)
    return std::unexpected(ok.error());
  return request;
}

std::string serialize_request(const aws::HttpRequest& request) {
  std::string out = request.method + " " + request.url.target() + " HTTP/1.1\n";
  for (const auto& [name, value] : request.headers)
    out += name + ":" + value + "\n";
  return out + "\n" + request.body;
}

}  // namespace spawn::testing
