// The IMDSv2 rules for one HTTP request, as a pure function (AWS-WIRE.md §4):
// the token PUT and its TTL, the token on GETs (required or optional as the
// instance's HttpTokens says), a disabled endpoint, X-Forwarded-For, and the
// shim's power-off request. The server (imds_server.cpp) only moves bytes.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "localcloud/instances/imds_paths.hpp"
#include "localcloud/instances/imds_tokens.hpp"

namespace spawn::localcloud {

// Where the shutdown shim sends its POST.
inline constexpr std::string_view kShutdownPath = "/_localcloud/shutdown";
inline constexpr std::string_view kTokenTtlHeader = "X-aws-ec2-metadata-token-ttl-seconds";
inline constexpr std::string_view kTokenHeader = "X-aws-ec2-metadata-token";

struct ImdsRequest {
  std::string method;                    // "GET", "PUT", ...
  std::string target;                    // path and query
  std::optional<std::string> token;      // X-aws-ec2-metadata-token
  std::optional<std::string> token_ttl;  // X-aws-ec2-metadata-token-ttl-seconds
  bool forwarded = false;                // X-Forwarded-For was present
};

struct ImdsResponse {
  int status = 200;
  std::string content_type = "text/plain";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool shutdown_requested = false;  // the instance asked to power off
};

// The answer to `request`. `metadata` is the instance as it is now (nullopt once it is
// gone); `view_for` builds the ImdsView for a GET from it.
ImdsResponse answer_imds(const ImdsRequest& request,
                         const std::optional<InstanceMetadata>& metadata, const TokenIssuer& tokens,
                         SystemTime now,
                         const std::function<ImdsView(const InstanceMetadata&)>& view_for);

}  // namespace spawn::localcloud
