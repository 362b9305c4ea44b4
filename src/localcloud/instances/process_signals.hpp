// Signalling and waiting for processes that are not (all) our children, without
// hitting a stranger that reused a pid: each process is opened as a pidfd and
// checked against the start time seen in /proc before anything is sent to it.
#pragma once

#include <chrono>
#include <vector>

#include "localcloud/instances/process_tree.hpp"
#include "util/result.hpp"

namespace spawn::localcloud {

// A pidfd for `pid` (close-on-exec); fails when the kernel has no pidfd_open (Linux < 5.3)
// or the process is gone.
Result<int> open_pidfd(pid_t pid);

// Sends `signal` to every listed process that still exists.
void send_signal(const std::vector<ProcessInfo>& processes, int signal);

// Waits until every listed process has exited (zombies count as exited), at most
// `timeout`. True when all are gone.
bool wait_until_gone(const std::vector<ProcessInfo>& processes, std::chrono::milliseconds timeout);

}  // namespace spawn::localcloud
