// Activity counters of the machine, read from /proc (and /sys, utmp, /dev/pts)
// under a root folder: "/" on an instance, a folder of recorded files in tests.
// Counters only grow; idle is judged on the difference between two readings
// (activity_between), never on totals since boot, which made the earlier agent's
// instances look busy forever.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::spored {

// Jiffies of one CPU line of /proc/stat.
struct CpuTimes {
  std::uint64_t busy = 0;   // user + nice + system + irq + softirq + steal
  std::uint64_t total = 0;  // busy + idle + iowait

  bool operator==(const CpuTimes&) const = default;
};

// One reading of every counter. A counter that could not be read is nullopt, and
// `problems` says why ("/proc/net/dev: no such file").
struct Counters {
  SystemTime taken_at{};
  std::optional<std::vector<CpuTimes>> cpus;   // one entry per "cpuN" line
  std::optional<std::uint64_t> network_bytes;  // rx + tx over every interface but loopback
  std::optional<std::uint64_t> disk_bytes;     // read + written, whole disks only
  std::vector<std::string> problems;
};

// The per-CPU lines ("cpu0", "cpu1", ...) of /proc/stat text; the aggregate "cpu" line
// is skipped. ErrorKind::parse when there is none.
Result<std::vector<CpuTimes>> parse_proc_stat(std::string_view text);
// Received + transmitted bytes of every interface in /proc/net/dev text except "lo".
Result<std::uint64_t> parse_net_dev(std::string_view text);
// Bytes read + written ((sectors read + sectors written) x 512) of the devices in
// /proc/diskstats text for which `is_whole_disk(name)` is true.
Result<std::uint64_t> parse_diskstats(std::string_view text,
                                      const std::function<bool(std::string_view)>& is_whole_disk);

// Whole disks are the entries of <root>/sys/block (nvme0n1, xvda, sda, vda), except
// virtual ones (loop*, ram*, zram*, dm-*, md*, which would count the same bytes twice).
// When <root>/sys/block cannot be listed, the name decides: xvd*, sd*, vd* without a
// trailing digit, and nvme<N>n<M> without a "p<K>" partition suffix.
std::function<bool(std::string_view)> whole_disk_rule(const std::filesystem::path& root);

// Reads proc/stat, proc/net/dev and proc/diskstats under `root`.
Counters read_counters(const std::filesystem::path& root, SystemTime now);

}  // namespace spawn::spored
