// The one place an AWS call is made: resolve the endpoint, sign, send, retry per
// the standard mode, and turn an error answer into an Error with AwsError set.
// Protocol helpers (query_protocol, json_protocol, rest_protocol) build the
// request and parse the success body; service clients sit on top of those.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "aws/call_log.hpp"
#include "aws/credentials.hpp"
#include "aws/endpoints.hpp"
#include "aws/http.hpp"
#include "aws/retry.hpp"
#include "aws/service.hpp"
#include "aws/transport.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::aws {

struct ClientDeps {
  HttpTransport& transport;
  CredentialsProvider& credentials;
  Clock& clock;
  EndpointResolver endpoints;
  std::string region;
  RetryConfig retry;
  Timeouts timeouts;
  CallObserver* observer = nullptr;  // --debug; may be null
  std::function<double()> jitter;    // rand(0,1) for back-off; empty: a real random source
};

class AwsClient {
 public:
  explicit AwsClient(ClientDeps deps);
  // A copy shares the dependencies and starts from a snapshot of the quota and clock skew.
  AwsClient(const AwsClient& other);
  AwsClient& operator=(const AwsClient&) = delete;

  const std::string& region() const { return deps_.region; }
  const EndpointResolver& endpoints() const { return deps_.endpoints; }
  Clock& clock() { return deps_.clock; }

  // Sends `request` to `service`. request.url.path and .query must be set; scheme, host
  // and port are filled from the endpoint unless request.url.host is already set (S3
  // virtual-hosted addressing, presigned uploads). Non-2xx answers become an Error with
  // kind from the AWS code (auth, not_found, conflict, aws) and AwsError filled in.
  Result<HttpResponse> send(const ServiceInfo& service, std::string_view operation,
                            const HttpRequest& request);

  // A presigned GET URL for `request` valid for `expires`.
  Result<std::string> presign(const ServiceInfo& service, HttpRequest request,
                              std::chrono::seconds expires);

 private:
  ClientDeps deps_;
  RetryQuota quota_;
  std::atomic<std::int64_t> clock_skew_ms_{0};  // server time minus ours, learnt from skew errors
};

}  // namespace spawn::aws
