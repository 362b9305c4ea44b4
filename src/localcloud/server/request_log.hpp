// The log of API requests the admin API returns (GET /_localcloud/requests):
// benchmarks count sequential round trips from it, tests check which calls a
// command made. Bounded, oldest dropped first.
#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "util/clock.hpp"

namespace spawn::localcloud {

struct RequestRecord {
  SystemTime time;  // when the request arrived
  std::string service;
  std::string operation;
  std::string region;
  int status = 0;
  double latency_ms = 0;  // arrival to answer, injected latency included
};

class RequestLog {
 public:
  static constexpr std::size_t kCapacity = 100'000;

  void add(RequestRecord record);
  std::vector<RequestRecord> records() const;
  void clear();
  // {"requests": [{"time", "service", "operation", "region", "status", "latency_ms"}, ...]}
  nlohmann::json to_json() const;

 private:
  mutable std::mutex mutex_;
  std::deque<RequestRecord> records_;
};

}  // namespace spawn::localcloud
