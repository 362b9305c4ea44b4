// The AWS call loop. Each attempt starts again from the caller's request: the
// endpoint is resolved, Host set, and the request signed afresh (a new
// X-Amz-Date, current credentials), so a retry never replays a stale signature.
//
// Which failures end the call at once: anything before the request leaves
// (endpoint, credentials, signing) and answers the standard mode calls
// non-retryable. Retries are paid from the client's quota and wait a
// full-jitter back-off on the injected clock, so tests never really sleep.
//
// Clock skew: a signature or expiry complaint whose Date header is more than
// four minutes from our clock means our clock is wrong, not the request. The
// offset is remembered for later calls and the request is re-signed once with
// the server's idea of now; that extra attempt is not counted as a retry.
#include "aws/client.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <random>

#include "aws/error_parse.hpp"
#include "aws/sigv4.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {

namespace {

constexpr auto kMaxClockSkew = std::chrono::minutes(4);
constexpr std::array<std::string_view, 4> kClockSkewCodes = {
    "RequestTimeTooSkewed", "RequestExpired", "InvalidSignatureException", "SignatureDoesNotMatch"};
constexpr std::array<std::string_view, 2> kRequestIdHeaders = {"x-amzn-RequestId",
                                                               "x-amz-request-id"};

// One call to `send`, threaded through its attempts.
struct CallContext {
  const ServiceInfo& service;
  std::string_view operation;
  int attempt = 1;
  int retries = 0;
  int quota_acquired = 0;
  bool skew_corrected = false;
};

// What one attempt produced: the response or error, and whether it ever reached the wire.
struct AttemptOutcome {
  Result<HttpResponse> result;
  bool sent = false;
  std::optional<SystemTime> server_date;  // the answer's Date header, for clock-skew checks
};

double real_jitter() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

std::string request_id_of(const HttpResponse& response) {
  for (auto name : kRequestIdHeaders) {
    if (auto value = response.header(name))
      return std::string(*value);
  }
  return {};
}

std::optional<SystemTime> server_date_of(const HttpResponse& response) {
  auto date = response.header("Date");
  if (!date)
    return std::nullopt;
  auto parsed = parse_http_date(*date);
  if (!parsed)
    return std::nullopt;
  return *parsed;
}

bool is_success(int status) {
  return status >= 200 && status < 300;
}

Error aws_error_from(const CallContext& call, const HttpResponse& response) {
  AwsError aws = parse_error_response(call.service.protocol, response);
  aws.service = std::string(call.service.name);
  aws.operation = std::string(call.operation);
  if (aws.http_status == 0)
    aws.http_status = response.status;
  if (aws.request_id.empty())
    aws.request_id = request_id_of(response);
  std::string what = aws.code.empty() ? fmt::format("HTTP {}", response.status) : aws.code;
  std::string message =
      aws.message.empty()
          ? fmt::format("{} {}: {}", aws.service, aws.operation, what)
          : fmt::format("{} {}: {}: {}", aws.service, aws.operation, what, aws.message);
  Error error{error_kind_for(aws), std::move(message), std::nullopt};
  error.aws = std::move(aws);
  error.aws->retryable = is_retryable(error);
  return error;
}

Error transport_error_from(const CallContext& call, Error error) {
  error.message = fmt::format("{} {}: {}", call.service.name, call.operation, error.message);
  return error;
}

CallRecord record_for(const CallContext& call, const ClientDeps& deps,
                      const AttemptOutcome& outcome, std::chrono::milliseconds latency) {
  CallRecord record;
  record.service = std::string(call.service.name);
  record.operation = std::string(call.operation);
  record.region = deps.region;
  record.attempt = call.attempt;
  record.latency = latency;
  if (outcome.result) {
    record.http_status = outcome.result->status;
    record.request_id = request_id_of(*outcome.result);
    return record;
  }
  const Error& error = outcome.result.error();
  if (error.aws) {
    record.http_status = error.aws->http_status;
    record.request_id = error.aws->request_id;
    record.error_code = error.aws->code;
  } else {
    record.error_code = to_string(error.kind);
  }
  return record;
}

bool is_clock_skew_code(const Error& error) {
  return error.aws && std::find(kClockSkewCodes.begin(), kClockSkewCodes.end(), error.aws->code) !=
                          kClockSkewCodes.end();
}

// The final error of a call, saying how often a retryable failure was tried.
Error final_error(Error error, int attempts) {
  if (attempts > 1 && is_retryable(error)) {
    error.message = fmt::format("{} (gave up after {} attempts)", error.message, attempts);
  }
  return error;
}

// Fills the URL from the endpoint (unless the caller chose a host) and sets Host.
Result<void> direct_to_endpoint(const ClientDeps& deps, const ServiceInfo& service,
                                HttpRequest& request) {
  if (request.url.host.empty()) {
    auto endpoint = deps.endpoints.endpoint(service, deps.region);
    if (!endpoint)
      return std::unexpected(endpoint.error());
    request.url.scheme = endpoint->scheme;
    request.url.host = endpoint->host;
    request.url.port = endpoint->port;
  }
  set_header(request.headers, "Host", request.url.authority());
  return {};
}

// The request as it goes on the wire for one attempt: addressed and freshly signed.
Result<HttpRequest> prepare_attempt(const ClientDeps& deps, const ServiceInfo& service,
                                    HttpRequest request, SystemTime signing_time) {
  if (auto directed = direct_to_endpoint(deps, service, request); !directed) {
    return std::unexpected(directed.error());
  }
  auto credentials = deps.credentials.credentials();
  if (!credentials)
    return std::unexpected(credentials.error());
  SigningScope scope{std::string(service.name), deps.endpoints.signing_region(service, deps.region),
                     signing_time};
  if (auto signed_ok = sign_request(request, *credentials, scope); !signed_ok) {
    return std::unexpected(signed_ok.error());
  }
  return request;
}

AttemptOutcome run_attempt(const ClientDeps& deps, const CallContext& call,
                           const HttpRequest& request, std::chrono::milliseconds skew) {
  auto prepared = prepare_attempt(deps, call.service, request, deps.clock.now() + skew);
  if (!prepared)
    return AttemptOutcome{std::unexpected(prepared.error()), false, std::nullopt};
  auto started = std::chrono::steady_clock::now();
  auto response = deps.transport.send(*prepared, deps.timeouts);
  auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  AttemptOutcome outcome{std::move(response), true, std::nullopt};
  if (!outcome.result) {
    outcome.result = std::unexpected(transport_error_from(call, outcome.result.error()));
  } else if (!is_success(outcome.result->status)) {
    outcome.server_date = server_date_of(*outcome.result);
    outcome.result = std::unexpected(aws_error_from(call, *outcome.result));
  }
  if (deps.observer != nullptr)
    deps.observer->on_call(record_for(call, deps, outcome, latency));
  return outcome;
}

// A new clock offset when `outcome` is a skew complaint whose Date is far from our
// clock (corrected by `skew`); nullopt otherwise.
std::optional<std::chrono::milliseconds> corrected_clock_skew(const Clock& clock,
                                                              std::chrono::milliseconds skew,
                                                              const AttemptOutcome& outcome) {
  if (!is_clock_skew_code(outcome.result.error()) || !outcome.server_date)
    return std::nullopt;
  auto difference = *outcome.server_date - (clock.now() + skew);
  if (difference < kMaxClockSkew && difference > -kMaxClockSkew)
    return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(*outcome.server_date - clock.now());
}

// Whether `call` may try again after `error`, paying the retry from `quota`.
bool take_retry(RetryQuota& quota, const RetryConfig& config, CallContext& call,
                const Error& error) {
  if (!is_retryable(error) || call.retries + 1 >= config.max_attempts)
    return false;
  if (!quota.acquire(error))
    return false;
  call.quota_acquired += RetryQuota::cost_of(error);
  ++call.retries;
  return true;
}

}  // namespace

AwsClient::AwsClient(ClientDeps deps) : deps_(std::move(deps)) {
  if (!deps_.jitter)
    deps_.jitter = real_jitter;
}

AwsClient::AwsClient(const AwsClient& other)
    : deps_(other.deps_), quota_(other.quota_), clock_skew_ms_(other.clock_skew_ms_.load()) {}

Result<HttpResponse> AwsClient::send(const ServiceInfo& service, std::string_view operation,
                                     const HttpRequest& request) {
  CallContext call{service, operation};
  while (true) {
    auto skew = std::chrono::milliseconds(clock_skew_ms_.load());
    AttemptOutcome outcome = run_attempt(deps_, call, request, skew);
    if (outcome.result) {
      quota_.release(call.quota_acquired);
      return std::move(outcome.result);
    }
    if (!outcome.sent)
      return std::move(outcome.result);
    ++call.attempt;
    if (!call.skew_corrected) {
      if (auto corrected = corrected_clock_skew(deps_.clock, skew, outcome)) {
        clock_skew_ms_.store(corrected->count());
        call.skew_corrected = true;
        continue;
      }
    }
    if (!take_retry(quota_, deps_.retry, call, outcome.result.error())) {
      return std::unexpected(final_error(std::move(outcome.result.error()), call.retries + 1));
    }
    deps_.clock.sleep_for(backoff_delay(call.retries, deps_.jitter()));
  }
}

Result<std::string> AwsClient::presign(const ServiceInfo& service, HttpRequest request,
                                       std::chrono::seconds expires) {
  if (auto directed = direct_to_endpoint(deps_, service, request); !directed) {
    return std::unexpected(directed.error());
  }
  auto credentials = deps_.credentials.credentials();
  if (!credentials)
    return std::unexpected(credentials.error());
  auto now = deps_.clock.now() + std::chrono::milliseconds(clock_skew_ms_.load());
  SigningScope scope{std::string(service.name),
                     deps_.endpoints.signing_region(service, deps_.region), now};
  return presign_url(request, *credentials, scope, expires);
}

}  // namespace spawn::aws
