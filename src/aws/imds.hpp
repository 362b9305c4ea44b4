// The EC2 instance metadata service (IMDSv2): what an instance knows about itself
// (id, region, tags, spot notices, identity document) and its role credentials.
// spawn reads it for the region and credentials on EC2; spored polls it from
// several threads, so one client is shared and safe to call concurrently.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "aws/credentials.hpp"
#include "aws/http.hpp"
#include "aws/transport.hpp"
#include "util/clock.hpp"
#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::aws {

// IMDS sits on the local link: an answer is quick or never comes, so fail fast.
inline constexpr std::chrono::seconds kImdsTimeout{1};
inline constexpr int kImdsMaxAttempts = 2;

struct ImdsConfig {
  Url endpoint;           // base URL; paths such as /latest/meta-data/... are appended
  bool disabled = false;  // AWS_EC2_METADATA_DISABLED=true: every call fails at once
  Timeouts timeouts{kImdsTimeout, kImdsTimeout};  // connect and read, per attempt
  int max_attempts = kImdsMaxAttempts;            // per request: network errors, timeouts, 5xx, 429
};

// Reads AWS_EC2_METADATA_DISABLED, AWS_EC2_METADATA_SERVICE_ENDPOINT (else
// AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6/IPv4 picks the default address),
// AWS_METADATA_SERVICE_TIMEOUT (seconds) and AWS_METADATA_SERVICE_NUM_ATTEMPTS.
// ErrorKind::usage when one of them is malformed.
Result<ImdsConfig> imds_config_from_env(const Environment& env);

struct SpotInstanceAction {
  std::string action;  // "terminate", "stop" or "hibernate"
  SystemTime time;     // when EC2 acts (about two minutes after the notice)
};

// The fields of /latest/dynamic/instance-identity/document that spawn uses.
struct InstanceIdentity {
  std::string account_id;
  std::string region;
  std::string instance_id;
  std::string instance_type;
  std::string availability_zone;
  std::string private_ip;
  std::string image_id;
  std::string architecture;                // "x86_64" or "arm64"
  std::optional<SystemTime> pending_time;  // when the instance was launched
};

class ImdsClient {
 public:
  static constexpr std::chrono::seconds kTokenTtl{21600};  // the longest IMDS allows
  // A token is replaced this long before IMDS would reject it.
  static constexpr std::chrono::seconds kTokenRenewMargin{60};
  static constexpr std::chrono::milliseconds kRetryDelay{200};

  // `transport` must allow concurrent sends; it and `clock` must outlive the client.
  ImdsClient(HttpTransport& transport, Clock& clock, ImdsConfig config);
  ImdsClient(const ImdsClient&) = delete;
  ImdsClient& operator=(const ImdsClient&) = delete;

  bool disabled() const { return config_.disabled; }

  // The raw text at /latest/meta-data/<path>. ErrorKind::not_found on 404.
  Result<std::string> get(std::string_view path);
  Result<std::string> instance_id();
  // placement/region, e.g. "us-east-1".
  Result<std::string> region();
  // Tag key -> value. Fails (not_found) with a hint when metadata tags are not enabled.
  Result<std::map<std::string, std::string>> instance_tags();
  // The pending spot interruption, or nullopt when there is none.
  Result<std::optional<SpotInstanceAction>> spot_instance_action();
  Result<InstanceIdentity> identity_document();
  // The credentials of the instance's IAM role (the first role listed). not_found when the
  // instance has no role.
  Result<Credentials> role_credentials();

 private:
  Result<std::string> fetch(std::string_view absolute_path);
  // GET with the session token; a 401 answer also drops that token.
  Result<HttpResponse> authorized_get(std::string_view absolute_path);
  Result<HttpResponse> send_with_retries(const HttpRequest& request);
  Result<std::string> token();
  // Replaces token_ and token_expiry_; call with token_mutex_ held.
  Result<void> fetch_token();
  void forget_token(const std::string& stale);
  HttpRequest request_for(std::string_view method, std::string_view absolute_path) const;

  HttpTransport& transport_;
  Clock& clock_;
  ImdsConfig config_;
  std::mutex token_mutex_;  // guards token_ and token_expiry_; held while a token is fetched
  std::string token_;
  SystemTime token_expiry_{};
};

}  // namespace spawn::aws
