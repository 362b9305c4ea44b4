// The standard retry mode's rules (AWS-WIRE.md §5). Which answers are worth
// another attempt is decided from the transport error kind, the HTTP status
// and the AWS error code; the code lists are botocore's retries/standard.py
// plus EC2's throttling codes.
//
// InsufficientInstanceCapacity is deliberately not retried although EC2 sends
// it as a 5xx: capacity rarely comes back within the few seconds our back-off
// waits, so retrying only delays the answer. The caller surfaces it so the
// user (or the launch saga) can pick another instance type or zone instead.
#include "aws/retry.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace spawn::aws {

namespace {

constexpr std::array<std::string_view, 14> kThrottlingCodes = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
};

constexpr std::array<std::string_view, 4> kTransientCodes = {
    "RequestTimeout",
    "RequestTimeoutException",
    "PriorRequestNotComplete",
    "InternalServerError",
};

constexpr std::array<std::string_view, 2> kNeverRetriedCodes = {
    "InsufficientInstanceCapacity",
    "IdempotentParameterMismatch",
};

constexpr std::array<int, 4> kRetryableStatuses = {500, 502, 503, 504};

constexpr double kMaxBackoffSeconds = 20.0;
constexpr double kBackoffBase = 2.0;

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

bool is_retryable_aws_error(const AwsError& aws) {
  if (contains(kNeverRetriedCodes, aws.code))
    return false;
  if (is_throttling_code(aws.code) || contains(kTransientCodes, aws.code))
    return true;
  return std::find(kRetryableStatuses.begin(), kRetryableStatuses.end(), aws.http_status) !=
         kRetryableStatuses.end();
}

}  // namespace

int RetryQuota::cost_of(const Error& error) {
  return error.kind == ErrorKind::timeout ? kTimeoutRetryCost : kRetryCost;
}

bool RetryQuota::acquire(const Error& error) {
  int cost = cost_of(error);
  int current = tokens_.load();
  while (current >= cost) {
    if (tokens_.compare_exchange_weak(current, current - cost))
      return true;
  }
  return false;
}

void RetryQuota::release(int acquired_by_this_call) {
  int refund = acquired_by_this_call > 0 ? acquired_by_this_call : kNoRetryIncrement;
  int current = tokens_.load();
  while (!tokens_.compare_exchange_weak(current, std::min(kInitial, current + refund))) {
  }
}

bool is_retryable(const Error& error) {
  if (error.aws)
    return is_retryable_aws_error(*error.aws);
  return error.kind == ErrorKind::network || error.kind == ErrorKind::timeout;
}

bool is_throttling_code(std::string_view code) {
  return contains(kThrottlingCodes, code);
}

std::chrono::milliseconds backoff_delay(int retry_index, double random_unit) {
  double unit = std::clamp(random_unit, 0.0, 1.0);
  double ceiling =
      std::min(std::pow(kBackoffBase, std::max(retry_index, 1) - 1), kMaxBackoffSeconds);
  return std::chrono::milliseconds(static_cast<long long>(std::llround(unit * ceiling * 1000.0)));
}

}  // namespace spawn::aws
