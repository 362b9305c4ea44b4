// Rates from two readings of the counters. Idle is judged on what happened during
// the interval, never on totals since boot. Counters that shrink (an interface
// brought down and up, a volume detached) give no rate rather than a huge one.
#include "spored/sensors/activity.hpp"

#include <algorithm>
#include <limits>

namespace spawn::spored {
namespace {

constexpr std::uint64_t kMillisecondsPerMinute = 60'000;

// Utilisation of one CPU between two readings, 0-100. The kernel may lower idle and
// iowait slightly between readings (proc(5)), so the total is never taken below the
// busy time.
double cpu_percent(const CpuTimes& before, const CpuTimes& after) {
  std::uint64_t busy = after.busy > before.busy ? after.busy - before.busy : 0;
  std::uint64_t total = after.total > before.total ? after.total - before.total : 0;
  total = std::max(total, busy);
  if (total == 0)
    return 0;
  return static_cast<double>(busy) * 100 / static_cast<double>(total);
}

std::optional<double> busiest_cpu(const Counters& before, const Counters& after) {
  if (!before.cpus || !after.cpus)
    return std::nullopt;
  // A CPU going offline shortens the list; compare the CPUs present in both.
  std::size_t common = std::min(before.cpus->size(), after.cpus->size());
  if (common == 0)
    return std::nullopt;
  double busiest = 0;
  for (std::size_t i = 0; i < common; ++i)
    busiest = std::max(busiest, cpu_percent((*before.cpus)[i], (*after.cpus)[i]));
  return busiest;
}

std::uint64_t per_minute(std::uint64_t delta, Duration interval) {
  auto milliseconds = static_cast<std::uint64_t>(interval.count());
  if (delta <= std::numeric_limits<std::uint64_t>::max() / kMillisecondsPerMinute)
    return delta * kMillisecondsPerMinute / milliseconds;
  return delta / milliseconds * kMillisecondsPerMinute;  // loses under a minute's rounding
}

void add_problem(std::vector<std::string>& problems, const std::string& problem) {
  if (std::find(problems.begin(), problems.end(), problem) == problems.end())
    problems.push_back(problem);
}

// Bytes per minute of a growing counter; nullopt, with a problem, when it went backwards.
std::optional<std::uint64_t> rate(const std::optional<std::uint64_t>& before,
                                  const std::optional<std::uint64_t>& after, Duration interval,
                                  const std::string& when_backwards,
                                  std::vector<std::string>& problems) {
  if (!before || !after)
    return std::nullopt;
  if (*after < *before) {
    add_problem(problems, when_backwards);
    return std::nullopt;
  }
  return per_minute(*after - *before, interval);
}

}  // namespace

Activity activity_between(const Counters& before, const Counters& after) {
  Activity activity;
  for (const auto* reading : {&before, &after}) {
    for (const auto& problem : reading->problems)
      add_problem(activity.problems, problem);
  }
  activity.interval = std::chrono::duration_cast<Duration>(after.taken_at - before.taken_at);
  if (activity.interval <= Duration(0)) {
    add_problem(activity.problems,
                "the second reading is not later than the first (clock changed?): no rates");
    return activity;
  }
  activity.cpu_percent = busiest_cpu(before, after);
  activity.network_bytes_per_minute =
      rate(before.network_bytes, after.network_bytes, activity.interval,
           "network counter went backwards (interface reset?)", activity.problems);
  activity.disk_bytes_per_minute =
      rate(before.disk_bytes, after.disk_bytes, activity.interval,
           "disk counter went backwards (volume detached?)", activity.problems);
  return activity;
}

}  // namespace spawn::spored
