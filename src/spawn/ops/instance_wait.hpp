// Waiting for an instance to reach a state: DescribeInstances every couple of
// seconds until it does, it can no longer get there, or the deadline passes.
// The pause between polls goes through the client's clock, so tests with a
// fake clock never really wait.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "aws/client.hpp"
#include "aws/ec2.hpp"
#include "util/result.hpp"

namespace spawn::ops {

inline constexpr std::chrono::seconds kStateWaitPoll{2};
// EC2 starts or terminates an instance in well under this; longer means trouble.
inline constexpr std::chrono::minutes kStateWaitTimeout{5};

struct StateWaitLimits {
  std::chrono::milliseconds timeout = kStateWaitTimeout;
  std::chrono::milliseconds interval = kStateWaitPoll;
};

// The instance once its state is `target`. ErrorKind::timeout when the deadline passes,
// ErrorKind::conflict when it reaches a state from which `target` cannot follow (terminated
// while waiting for running, for instance), and the DescribeInstances error if one fails.
Result<aws::Instance> wait_for_state(aws::AwsClient& client, const std::string& instance_id,
                                     std::string_view target, const StateWaitLimits& limits = {});

}  // namespace spawn::ops
