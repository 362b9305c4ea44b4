#include "localcloud/server/request_log.hpp"

#include "util/time_format.hpp"

namespace spawn::localcloud {

void RequestLog::add(RequestRecord record) {
  std::lock_guard lock(mutex_);
  if (records_.size() == kCapacity)
    records_.pop_front();
  records_.push_back(std::move(record));
}

std::vector<RequestRecord> RequestLog::records() const {
  std::lock_guard lock(mutex_);
  return {records_.begin(), records_.end()};
}

void RequestLog::clear() {
  std::lock_guard lock(mutex_);
  records_.clear();
}

nlohmann::json RequestLog::to_json() const {
  nlohmann::json requests = nlohmann::json::array();
  for (const RequestRecord& record : records()) {
    requests.push_back({{"time", format_iso8601(record.time)},
                        {"time_ms", std::chrono::duration_cast<std::chrono::milliseconds>(
                                        record.time.time_since_epoch())
                                        .count()},
                        {"service", record.service},
                        {"operation", record.operation},
                        {"region", record.region},
                        {"status", record.status},
                        {"latency_ms", record.latency_ms}});
  }
  return {{"requests", requests}};
}

}  // namespace spawn::localcloud
