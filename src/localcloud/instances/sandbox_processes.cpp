#include "localcloud/instances/sandbox_processes.hpp"

#include <signal.h>

#include <algorithm>
#include <set>

#include "localcloud/instances/process_signals.hpp"
#include "localcloud/instances/process_tree.hpp"

namespace spawn::localcloud {

namespace {

using SteadyClock = std::chrono::steady_clock;

// Processes that appear while a sandbox is being stopped (a boot still under way) are
// looked for this often during the grace period.
constexpr std::chrono::milliseconds kTermRound{100};
// After SIGKILL a process is gone within milliseconds; this only bounds a stuck kernel.
constexpr std::chrono::seconds kKillWait{5};
// A sandbox forking as fast as it is signalled gets this many rounds.
constexpr int kMaxRounds = 20;

std::vector<ProcessInfo> living_members(pid_t top) {
  auto members = sandbox_members(list_processes(), top);
  std::erase_if(members, [](const ProcessInfo& process) { return process.state == 'Z'; });
  return members;
}

std::vector<ProcessInfo> without(std::vector<ProcessInfo> processes, pid_t pid) {
  std::erase_if(processes, [&](const ProcessInfo& process) { return process.pid == pid; });
  return processes;
}

// The processes not in `seen` yet; adds them to it.
std::vector<ProcessInfo> newly_seen(std::vector<ProcessInfo> processes, std::set<pid_t>& seen) {
  std::erase_if(processes,
                [&](const ProcessInfo& process) { return !seen.insert(process.pid).second; });
  return processes;
}

std::chrono::milliseconds remaining(SteadyClock::time_point deadline) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
}

}  // namespace

void terminate_sandbox(pid_t top, Isolation isolation, std::chrono::milliseconds grace) {
  auto deadline = SteadyClock::now() + grace;
  std::set<pid_t> asked;
  for (auto members = living_members(top); !members.empty() && SteadyClock::now() < deadline;
       members = living_members(top)) {
    auto fresh = newly_seen(members, asked);
    send_signal(isolation == Isolation::bubblewrap ? without(fresh, top) : fresh, SIGTERM);
    send_signal(fresh, SIGCONT);
    wait_until_gone(members, std::min(kTermRound, remaining(deadline)));
  }
  for (int round = 0; round < kMaxRounds; ++round) {
    auto left = living_members(top);
    if (left.empty()) {
      return;
    }
    send_signal(left, SIGKILL);
    wait_until_gone(left, kKillWait);
  }
}

void freeze_sandbox(pid_t top) {
  std::set<pid_t> stopped;
  for (int round = 0; round < kMaxRounds; ++round) {
    auto fresh = newly_seen(living_members(top), stopped);
    if (fresh.empty()) {
      return;
    }
    send_signal(fresh, SIGSTOP);
  }
}

void thaw_sandbox(pid_t top) {
  send_signal(living_members(top), SIGCONT);
}

}  // namespace spawn::localcloud
