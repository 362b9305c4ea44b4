// --debug: one line on stderr per HTTP attempt of an AWS call.
#pragma once

#include <mutex>
#include <ostream>
#include <string>

#include "aws/call_log.hpp"

namespace spawn::ui {

// "[debug] ec2 DescribeInstances us-east-1 HTTP 200 attempt 1 123ms request-id abc", with
// " error <code>" appended when the attempt failed. Only the record's fields are printed:
// no headers, bodies or signatures.
std::string format_call_line(const aws::CallRecord& record);

// Writes format_call_line() for every attempt. Safe to call from several threads: lines
// never interleave.
class DebugLog final : public aws::CallObserver {
 public:
  explicit DebugLog(std::ostream& err) : err_(err) {}
  void on_call(const aws::CallRecord& record) override;

 private:
  std::mutex mutex_;
  std::ostream& err_;
};

}  // namespace spawn::ui
