// What the machine did during one interval: the inputs of the idle policy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spored/sensors/counters.hpp"
#include "util/clock.hpp"

namespace spawn::spored {

struct Activity {
  Duration interval{0};
  // Utilisation of the busiest CPU over the interval, 0-100: a single-threaded job
  // on a 64-vCPU machine is busy, although the machine-wide average is 1.5 %.
  // nullopt when it could not be measured.
  std::optional<double> cpu_percent;
  std::optional<std::uint64_t> network_bytes_per_minute;
  std::optional<std::uint64_t> disk_bytes_per_minute;
  // Highest utilisation over the GPUs; nullopt when the machine has no NVIDIA GPU.
  std::optional<double> gpu_percent;
  int sessions = 0;                   // interactive sessions (see count_sessions)
  std::vector<std::string> problems;  // counters that could not be read, and why

  bool operator==(const Activity&) const = default;
};

// The rates between two readings (`after` later than `before`). A counter missing from
// either reading, or that went backwards (a reset), is nullopt in the result; a zero or
// negative interval gives nullopt everywhere. GPU and sessions are left for the caller.
Activity activity_between(const Counters& before, const Counters& after);

}  // namespace spawn::spored
