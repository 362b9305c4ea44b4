// Waiting for a new instance to become usable, step by step (spec §3.13 [REC]):
// running with an address, then an SSH server that greets. Each wait polls with a
// deadline and gives up at once when the user presses Ctrl-C; none sleeps a fixed
// time hoping something happened.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>

#include "aws/ec2.hpp"
#include "util/result.hpp"

namespace spawn::ops {

inline constexpr std::chrono::minutes kRunningDeadline{5};
inline constexpr std::chrono::minutes kSshDeadline{3};
inline constexpr std::chrono::seconds kLaunchPollInterval{2};
inline constexpr std::chrono::seconds kSshAttemptTimeout{5};

struct WaitPolicy {
  std::chrono::milliseconds deadline;
  std::chrono::milliseconds interval;
};

// Sleeps `pause` unless a stop is requested first; false when it was.
bool pause_unless_stopped(std::chrono::milliseconds pause, std::stop_token stop);

// Describes the instance every policy.interval until `ready` holds for it. ErrorKind::timeout
// at the deadline, ErrorKind::conflict when it was terminated instead (with EC2's reason),
// the AWS error when describing fails, interrupted_error() after Ctrl-C.
Result<aws::Instance> wait_for_instance(aws::Ec2Client& ec2, const std::string& instance_id,
                                        const std::function<bool(const aws::Instance&)>& ready,
                                        WaitPolicy policy, std::stop_token stop);

// Tries an SSH greeting from `host`:`port` until one arrives; returns it ("SSH-2.0-...").
Result<std::string> wait_for_ssh(const std::string& host, std::uint16_t port, WaitPolicy policy,
                                 std::stop_token stop);

// The error a wait answers when the user pressed Ctrl-C.
Error interrupted_error();

}  // namespace spawn::ops
