// How long a launch waits for its instance to become usable, step by step (spec §3.13
// [REC]): running (ops/instance_wait), then an SSH server that greets. Each wait polls
// with a deadline and gives up at once when the user presses Ctrl-C; none sleeps a
// fixed time hoping something happened.
#pragma once

#include <chrono>
#include <cstdint>
#include <stop_token>
#include <string>

#include "spawn/ops/instance_wait.hpp"
#include "util/result.hpp"

namespace spawn::ops {

inline constexpr std::chrono::minutes kRunningDeadline{5};
inline constexpr std::chrono::minutes kSshDeadline{3};
inline constexpr std::chrono::seconds kLaunchPollInterval{2};
inline constexpr std::chrono::seconds kSshAttemptTimeout{5};

// Tries an SSH greeting from `host`:`port` until one arrives; returns it ("SSH-2.0-...").
Result<std::string> wait_for_ssh(const std::string& host, std::uint16_t port,
                                 const WaitLimits& limits, const std::stop_token& stop);

}  // namespace spawn::ops
