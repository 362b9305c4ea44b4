// The AWS SDKs' "standard" retry mode: up to max_attempts, full-jitter
// exponential back-off capped at 20 s, and a retry quota (token bucket) so a
// failing service is not hammered by every call at once.
#pragma once

#include <atomic>
#include <chrono>
#include <string_view>

#include "util/result.hpp"

namespace spawn::aws {

struct RetryConfig {
  int max_attempts = 3;  // AWS_MAX_ATTEMPTS / max_attempts in the profile
};

// The retry quota shared by all calls of one client (thread-safe).
class RetryQuota {
 public:
  RetryQuota() = default;
  RetryQuota(const RetryQuota& other) : tokens_(other.available()) {}
  RetryQuota& operator=(const RetryQuota&) = delete;

  static constexpr int kInitial = 500;
  static constexpr int kRetryCost = 5;
  static constexpr int kTimeoutRetryCost = 10;
  static constexpr int kNoRetryIncrement = 1;

  // What a retry after `error` costs: kTimeoutRetryCost after a timeout, else kRetryCost.
  static int cost_of(const Error& error);
  // Takes the cost of a retry after `error`; false (and nothing taken) when too few tokens remain.
  bool acquire(const Error& error);
  // Called on success: returns what this call acquired, or adds kNoRetryIncrement.
  void release(int acquired_by_this_call);
  int available() const { return tokens_.load(); }

 private:
  std::atomic<int> tokens_{kInitial};
};

// Whether `error` is worth another attempt under the standard mode.
bool is_retryable(const Error& error);
// Whether an AWS error code is a throttling code.
bool is_throttling_code(std::string_view code);
// Delay before retry `retry_index` (1 for the first retry): rand(0,1) * min(2^(i-1), 20) s.
std::chrono::milliseconds backoff_delay(int retry_index, double random_unit);

}  // namespace spawn::aws
