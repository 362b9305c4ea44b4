#include "localcloud/instances/imds_request.hpp"

#include <charconv>

#include "util/strings.hpp"

namespace spawn::localcloud {

namespace {

constexpr std::string_view kTokenPath = "/latest/api/token";
constexpr std::string_view kTokenPathSuffix = "/api/token";
constexpr int kMinTtlSeconds = 1;
constexpr int kMaxTtlSeconds = 21600;

// The pages EC2's IMDS sends with its errors.
std::string error_page(int status, std::string_view title) {
  return "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n"
         "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n"
         "\t\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
         "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n"
         " <head>\n  <title>" +
         std::to_string(status) + " - " + std::string(title) +
         "</title>\n </head>\n <body>\n  <h1>" + std::to_string(status) + " - " +
         std::string(title) + "</h1>\n </body>\n</html>\n";
}

ImdsResponse error(int status) {
  std::string_view title = status == 400   ? "Bad Request"
                           : status == 401 ? "Unauthorized"
                           : status == 403 ? "Forbidden"
                           : status == 404 ? "Not Found"
                           : status == 405 ? "Method Not Allowed"
                                           : "Internal Server Error";
  return ImdsResponse{status, "text/html", error_page(status, title), {}, false};
}

std::optional<int> ttl_seconds(const std::optional<std::string>& header) {
  if (!header) {
    return std::nullopt;
  }
  auto text = trim(*header);
  int seconds = 0;
  auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (failure != std::errc() || end != text.data() + text.size() || seconds < kMinTtlSeconds ||
      seconds > kMaxTtlSeconds) {
    return std::nullopt;
  }
  return seconds;
}

ImdsResponse issue_token(const ImdsRequest& request, const TokenIssuer& tokens, SystemTime now) {
  auto path = std::string_view(request.target).substr(0, request.target.find('?'));
  if (path != kTokenPath) {
    // A versioned token path (/2021-03-23/api/token) is refused; other PUTs are not allowed.
    return error(path.ends_with(kTokenPathSuffix) ? 403 : 405);
  }
  if (request.forwarded) {
    return error(403);
  }
  auto ttl = ttl_seconds(request.token_ttl);
  if (!ttl) {
    return error(400);
  }
  return ImdsResponse{200,
                      "text/plain",
                      tokens.issue(now + std::chrono::seconds(*ttl)),
                      {{std::string(kTokenTtlHeader), std::to_string(*ttl)}},
                      false};
}

ImdsResponse read_metadata(const ImdsRequest& request, const InstanceMetadata& metadata,
                           const TokenIssuer& tokens, SystemTime now,
                           const std::function<ImdsView(const InstanceMetadata&)>& view_for) {
  bool token_ok = request.token && tokens.accepts(*request.token, now);
  if ((request.token && !token_ok) || (!request.token && metadata.tokens_required)) {
    return error(401);
  }
  auto answer = answer_path(request.target, view_for(metadata));
  if (!answer) {
    return error(answer.error());
  }
  return ImdsResponse{200, "text/plain", std::move(*answer), {}, false};
}

}  // namespace

ImdsResponse answer_imds(const ImdsRequest& request,
                         const std::optional<InstanceMetadata>& metadata, const TokenIssuer& tokens,
                         SystemTime now,
                         const std::function<ImdsView(const InstanceMetadata&)>& view_for) {
  if (request.method == "POST" && request.target == kShutdownPath) {
    return ImdsResponse{200, "text/plain", "powering off\n", {}, true};
  }
  if (!metadata) {
    return error(404);
  }
  if (!metadata->endpoint_enabled) {
    return error(403);
  }
  if (request.method == "PUT") {
    return issue_token(request, tokens, now);
  }
  if (request.method == "GET") {
    return read_metadata(request, *metadata, tokens, now, view_for);
  }
  return error(405);
}

}  // namespace spawn::localcloud
