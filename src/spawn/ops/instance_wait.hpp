// Waiting for an instance to reach a state: DescribeInstances every couple of seconds
// until it does, it can no longer get there, the deadline passes, or the user presses
// Ctrl-C. `spawn launch`, `start` and `terminate` wait this way, and so does a launch
// undoing its instance. Deadlines and pauses go through the client's clock, so tests with
// a fake clock never really wait; a pause that a stop token can cut short is real time.
#pragma once

#include <chrono>
#include <stop_token>
#include <string>
#include <string_view>

#include "aws/client.hpp"
#include "aws/ec2.hpp"
#include "util/result.hpp"

namespace spawn::ops {

inline constexpr std::chrono::seconds kStateWaitPoll{2};
// EC2 starts or terminates an instance in well under this; longer means trouble.
inline constexpr std::chrono::minutes kStateWaitTimeout{5};

// How long a wait may take, and how often it looks.
struct WaitLimits {
  std::chrono::milliseconds timeout = kStateWaitTimeout;
  std::chrono::milliseconds interval = kStateWaitPoll;
};

// The instance once its state is `target`. Just after RunInstances EC2 may not know the id
// yet (its answers are eventually consistent), so "not found" is waited through. Errors:
// ErrorKind::timeout when the deadline passes, ErrorKind::conflict when the instance reaches
// a state from which `target` cannot follow (terminated while waiting for running, with
// EC2's reason) or when `stop` is requested (interrupted_error()), and the DescribeInstances
// error if one fails otherwise.
Result<aws::Instance> wait_for_state(aws::AwsClient& client, const std::string& instance_id,
                                     std::string_view target, const WaitLimits& limits = {},
                                     const std::stop_token& stop = {});

// Sleeps `pause` unless a stop is requested first; false when it was.
bool pause_unless_stopped(std::chrono::milliseconds pause, const std::stop_token& stop);

// The error a wait answers when the user pressed Ctrl-C.
Error interrupted_error();

}  // namespace spawn::ops
