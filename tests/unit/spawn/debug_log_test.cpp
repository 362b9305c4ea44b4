#include "spawn/ui/debug_log.hpp"

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <thread>
#include <vector>

namespace spawn::ui {
namespace {

aws::CallRecord describe_instances() {
  aws::CallRecord record;
  record.service = "ec2";
  record.operation = "DescribeInstances";
  record.region = "us-east-1";
  record.http_status = 200;
  record.attempt = 1;
  record.latency = std::chrono::milliseconds(123);
  record.request_id = "abc";
  return record;
}

TEST(FormatCallLine, OneLineWithEveryField) {
  EXPECT_EQ(format_call_line(describe_instances()),
            "[debug] ec2 DescribeInstances us-east-1 HTTP 200 attempt 1 123ms request-id abc");
}

TEST(FormatCallLine, AFailedAttemptShowsItsErrorCode) {
  auto record = describe_instances();
  record.http_status = 503;
  record.attempt = 2;
  record.error_code = "RequestLimitExceeded";
  EXPECT_EQ(format_call_line(record),
            "[debug] ec2 DescribeInstances us-east-1 HTTP 503 attempt 2 123ms request-id abc "
            "error RequestLimitExceeded");
}

TEST(FormatCallLine, NoResponseAndNoRequestId) {
  auto record = describe_instances();
  record.http_status = 0;
  record.request_id.clear();
  record.error_code = "network";
  EXPECT_EQ(format_call_line(record),
            "[debug] ec2 DescribeInstances us-east-1 no-response attempt 1 123ms error network");
}

TEST(DebugLog, LinesFromManyThreadsNeverInterleave) {
  constexpr int kThreads = 8;
  constexpr int kCallsPerThread = 200;
  std::ostringstream err;
  DebugLog log(err);
  std::set<std::string> expected;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    auto record = describe_instances();
    record.request_id = "thread-" + std::to_string(t);
    expected.insert(format_call_line(record));
    threads.emplace_back([&log, record] {
      for (int i = 0; i < kCallsPerThread; ++i)
        log.on_call(record);
    });
  }
  for (auto& thread : threads)
    thread.join();

  std::istringstream lines(err.str());
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count) {
    EXPECT_TRUE(expected.contains(line)) << line;
  }
  EXPECT_EQ(count, kThreads * kCallsPerThread);
}

}  // namespace
}  // namespace spawn::ui
