// What --debug prints: one record per HTTP attempt of an AWS call. Never holds
// secrets, signatures or bodies.
#pragma once

#include <chrono>
#include <string>

namespace spawn::aws {

struct CallRecord {
  std::string service;
  std::string operation;
  std::string region;
  int http_status = 0;  // 0 when no response arrived
  int attempt = 1;
  std::chrono::milliseconds latency{0};
  std::string request_id;
  std::string error_code;  // AWS error code, or the transport error kind
};

class CallObserver {
 public:
  virtual ~CallObserver() = default;
  virtual void on_call(const CallRecord& record) = 0;
};

}  // namespace spawn::aws
