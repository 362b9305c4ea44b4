// judge_idle: the one place that decides whether an interval was idle. A counter
// that could not be measured counts as busy, so that an unreadable /proc never ends
// a working machine; a machine without a GPU simply has no GPU signal.
#include <fmt/format.h>

#include <array>

#include "spored/policy.hpp"
#include "util/strings.hpp"

namespace spawn::spored {
namespace {

// "0 B", "1023 B", "1.5 KB", "2.0 MB": base 1024, one decimal above bytes.
std::string format_bytes(std::uint64_t bytes) {
  constexpr std::array<std::string_view, 3> kUnits{"KB", "MB", "GB"};
  if (bytes < 1024)
    return fmt::format("{} B", bytes);
  double value = static_cast<double>(bytes) / 1024;
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < kUnits.size()) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, kUnits[unit]);
}

// "0.4%", "87%", "4.99%": two decimals at most, so that a value just under a
// threshold does not read as the threshold itself.
std::string format_percent(double percent) {
  std::string text = fmt::format("{:.2f}", percent);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.')
    text.pop_back();
  return text + "%";
}

class VerdictBuilder {
 public:
  void cpu(std::optional<double> percent, double threshold) {
    if (!percent)
      return unmeasured("cpu");
    parts_.push_back("cpu " + format_percent(*percent));
    if (*percent >= threshold)
      busy(fmt::format("cpu {} >= {}", format_percent(*percent), format_percent(threshold)));
  }
  void rate(std::string_view name, std::optional<std::uint64_t> bytes_per_minute,
            std::uint64_t threshold) {
    if (!bytes_per_minute)
      return unmeasured(name);
    parts_.push_back(fmt::format("{} {}/min", name, format_bytes(*bytes_per_minute)));
    if (*bytes_per_minute > threshold)
      busy(fmt::format("{} {} > {} B/min", name, *bytes_per_minute, threshold));
  }
  void gpu(std::optional<double> percent, double threshold) {
    if (!percent) {
      parts_.push_back("gpu none");
      return;
    }
    parts_.push_back("gpu " + format_percent(*percent));
    if (*percent > threshold)
      busy(fmt::format("gpu {} > {}", format_percent(*percent), format_percent(threshold)));
  }
  void sessions(int count, bool keep_alive) {
    parts_.push_back(fmt::format("sessions {}", count));
    if (count > 0 && keep_alive)
      busy(fmt::format("sessions {}", count));
  }
  IdleVerdict finish() {
    verdict_.idle = verdict_.busy_signals.empty();
    verdict_.description = join(parts_, " ");
    return std::move(verdict_);
  }

 private:
  void unmeasured(std::string_view name) {
    parts_.push_back(fmt::format("{} ?", name));
    busy(fmt::format("{} unmeasured", name));
  }
  void busy(std::string signal) { verdict_.busy_signals.push_back(std::move(signal)); }

  IdleVerdict verdict_;
  std::vector<std::string> parts_;
};

}  // namespace

IdleVerdict judge_idle(const IdleThresholds& thresholds, const Activity& activity) {
  VerdictBuilder builder;
  builder.cpu(activity.cpu_percent, thresholds.cpu_percent);
  builder.rate("net", activity.network_bytes_per_minute, thresholds.network_bytes_per_minute);
  builder.rate("disk", activity.disk_bytes_per_minute, thresholds.disk_bytes_per_minute);
  builder.gpu(activity.gpu_percent, thresholds.gpu_percent);
  builder.sessions(activity.sessions, thresholds.sessions_keep_alive);
  return builder.finish();
}

}  // namespace spawn::spored
