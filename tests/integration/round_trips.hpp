// Counting sequential round trips (ARCHITECTURE decision 7) from localcloud's request
// log: with latency injected, a request belongs to the round after every request that
// had already been answered when it arrived, so the deepest round is the number of
// round trips a caller waited for, however many calls ran side by side.
#pragma once

#include <algorithm>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "localcloud_fixture.hpp"

namespace spawn::integration {

struct TimedRequest {
  std::string operation;
  double arrived_ms = 0;
  double answered_ms = 0;
};

// The requests localcloud logged after the first `skip`, with their arrival and answer times.
inline std::vector<TimedRequest> timed_requests(TestCloud& cloud, std::size_t skip = 0) {
  auto body = cloud.admin_get("/_localcloud/requests");
  std::vector<TimedRequest> requests;
  if (!body)
    return requests;
  nlohmann::json log = nlohmann::json::parse(*body);
  const auto& records = log.at("requests");
  for (std::size_t i = skip; i < records.size(); ++i) {
    double arrived = records[i].at("time_ms").get<double>();
    requests.push_back({records[i].at("operation").get<std::string>(), arrived,
                        arrived + records[i].at("latency_ms").get<double>()});
  }
  return requests;
}

// How many `operation` requests ("RunInstances", refused ones included) the log holds.
inline int calls_of(TestCloud& cloud, std::string_view operation) {
  auto requests = timed_requests(cloud);
  return static_cast<int>(std::count_if(requests.begin(), requests.end(), [&](const auto& request) {
    return request.operation == operation;
  }));
}

// The deepest chain among `requests`: each request in it arrived after the one before
// it had been answered. Its length is the number of sequential rounds. Arrival times are
// whole milliseconds, hence the 1 ms allowance; the injected latency must be well above it.
inline std::vector<TimedRequest> sequential_chain(std::vector<TimedRequest> requests) {
  std::sort(requests.begin(), requests.end(), [](const TimedRequest& a, const TimedRequest& b) {
    return a.arrived_ms < b.arrived_ms;
  });  // the log is in the order of answers
  std::vector<int> round(requests.size(), 1);
  std::vector<std::size_t> previous(requests.size(), requests.size());
  std::size_t deepest = 0;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (requests[j].answered_ms <= requests[i].arrived_ms + 1.0 && round[j] + 1 > round[i]) {
        round[i] = round[j] + 1;
        previous[i] = j;
      }
    }
    if (round[i] > round[deepest])
      deepest = i;
  }
  std::vector<TimedRequest> chain;
  for (std::size_t at = deepest; at < requests.size(); at = previous[at])
    chain.insert(chain.begin(), requests[at]);
  return chain;
}

inline int sequential_rounds(std::vector<TimedRequest> requests) {
  return static_cast<int>(sequential_chain(std::move(requests)).size());
}

}  // namespace spawn::integration
