#include "spawn/ui/debug_log.hpp"

#include <fmt/format.h>

namespace spawn::ui {

std::string format_call_line(const aws::CallRecord& record) {
  std::string status =
      record.http_status == 0 ? "no-response" : fmt::format("HTTP {}", record.http_status);
  std::string line =
      fmt::format("[debug] {} {} {} {} attempt {} {}ms", record.service, record.operation,
                  record.region, status, record.attempt, record.latency.count());
  if (!record.request_id.empty())
    line += fmt::format(" request-id {}", record.request_id);
  if (!record.error_code.empty())
    line += fmt::format(" error {}", record.error_code);
  return line;
}

void DebugLog::on_call(const aws::CallRecord& record) {
  std::string line = format_call_line(record) + '\n';
  std::lock_guard lock(mutex_);
  err_ << line << std::flush;
}

}  // namespace spawn::ui
