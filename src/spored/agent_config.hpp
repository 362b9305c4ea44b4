// What spored enforces, read from the instance's tags. Pure: the tags come from
// IMDS or DescribeTags elsewhere. A tag that cannot be understood never turns a
// limit off silently: it is reported as a problem (shown by `spored status` and
// logged), and the limit falls back to a safe value (see config_from_tags).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/duration.hpp"

namespace spawn::spored {

using namespace std::chrono_literals;

using Tags = std::map<std::string, std::string>;

// What spored asks EC2 to do with the instance.
enum class StopAction { terminate, stop, hibernate };

std::string_view to_string(StopAction action);
// "terminate", "stop", "hibernate" (any case); nullopt for anything else.
std::optional<StopAction> stop_action_from(std::string_view text);

// Defaults of the spec (core.md §11): the same thresholds as the earlier agent, now
// applied to rates over one interval instead of totals since boot.
inline constexpr double kDefaultIdleCpuPercent = 5.0;
inline constexpr std::uint64_t kDefaultIdleNetworkBytesPerMinute = 10'000;
inline constexpr std::uint64_t kDefaultIdleDiskBytesPerMinute = 100'000;
inline constexpr double kDefaultIdleGpuPercent = 5.0;
inline constexpr Milliseconds kDefaultCompletionDelay = 30s;
inline constexpr Milliseconds kDefaultPreStopHookTimeout = 60s;
inline constexpr Milliseconds kLongestPreStopHookTimeout = 10min;
// The idle timeout spawn launch sets when neither a TTL nor an idle timeout is given;
// spored falls back to it when the TTL tag is unreadable and nothing else limits the instance.
inline constexpr Milliseconds kFallbackIdleTimeout = 1h;
inline constexpr std::string_view kDefaultCompletionFile = "/tmp/SPAWN_COMPLETE";

// Below each threshold an interval counts as idle (at or above: active), except
// network, disk and GPU, where a value up to and including the threshold is idle.
struct IdleThresholds {
  double cpu_percent = kDefaultIdleCpuPercent;                                 // spawn:idle-cpu
  std::uint64_t network_bytes_per_minute = kDefaultIdleNetworkBytesPerMinute;  // spawn:idle-network
  std::uint64_t disk_bytes_per_minute = kDefaultIdleDiskBytesPerMinute;        // spawn:idle-disk
  double gpu_percent = kDefaultIdleGpuPercent;                                 // spawn:idle-gpu
  bool sessions_keep_alive = true;  // spawn:idle-sessions=ignore turns this off

  bool operator==(const IdleThresholds&) const = default;
};

struct JobArray {
  std::string id;    // spawn:job-array-id; empty when the instance is not in an array
  std::string name;  // spawn:job-array-name
  int size = 0;      // spawn:job-array-size
  int index = -1;    // spawn:job-array-index

  bool operator==(const JobArray&) const = default;
};

struct AgentConfig {
  bool managed = false;                      // spawn:managed=true: spored acts only then
  std::optional<Milliseconds> ttl;           // spawn:ttl, counted from the launch time
  std::optional<Milliseconds> idle_timeout;  // spawn:idle-timeout
  IdleThresholds idle;
  bool hibernate_on_idle = false;         // spawn:hibernate-on-idle=true
  std::optional<StopAction> on_complete;  // spawn:on-complete; unset: completion is ignored
  std::string completion_file{kDefaultCompletionFile};              // spawn:completion-file
  Milliseconds completion_delay = kDefaultCompletionDelay;          // spawn:completion-delay
  std::string pre_stop_hook;                                        // spawn:pre-stop-hook, absolute
  Milliseconds pre_stop_hook_timeout = kDefaultPreStopHookTimeout;  // spawn:pre-stop-hook-timeout
  std::string name;                                                 // Name
  std::string account_base36;                                       // spawn:account-base36
  JobArray job_array;

  bool operator==(const AgentConfig&) const = default;
};

// A tag whose value was refused, and what spored does instead.
struct ConfigProblem {
  std::string tag;      // "spawn:ttl"
  std::string value;    // "banana"
  std::string message;  // "not a duration (e.g. 8h, 1d2h30m); keeping the previous TTL of 8h"

  bool operator==(const ConfigProblem&) const = default;
};

struct ParsedConfig {
  AgentConfig config;
  std::vector<ConfigProblem> problems;
};

// Reads every spawn:* tag spored knows; unknown tags are ignored. `previous` is the
// configuration in force before this read (nullopt at the first read). Fallbacks:
// - a refused spawn:ttl keeps the previous TTL when there was one; otherwise the instance
//   gets kFallbackIdleTimeout as its idle timeout unless a valid idle timeout is set;
// - a refused spawn:idle-timeout keeps the previous one, else kFallbackIdleTimeout;
// - a refused threshold, delay or hook timeout keeps its default;
// - a refused on-complete action or completion file is reported and completion stays as
//   before (off at the first read).
// Durations use core/duration's grammar; "0" is not a duration (zero is refused).
ParsedConfig config_from_tags(const Tags& tags, const std::optional<AgentConfig>& previous);

}  // namespace spawn::spored
