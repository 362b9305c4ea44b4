// What the user asked `spawn launch` for, checked before anything touches AWS: the
// flags and truffle's piped offer merged (flags win), every duration parsed with the
// one grammar, the safety default applied (no TTL and no idle timeout means a one-hour
// idle timeout unless --no-timeout), and each value AWS or spored would refuse
// reported with what to type instead. Pure, so every rule is a unit test and the
// whole thing a fuzz target.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/duration.hpp"
#include "core/truffle_input.hpp"
#include "util/result.hpp"

namespace spawn {

// The idle timeout a launch gets when it names no limit at all (spec §3.4).
inline constexpr Milliseconds kDefaultIdleTimeout = std::chrono::hours{1};
inline constexpr std::string_view kDefaultCompletionFile = "/tmp/SPAWN_COMPLETE";
inline constexpr Milliseconds kDefaultCompletionDelay = std::chrono::seconds{30};
// EBS gp3 root volumes: spawn's default and the largest it accepts.
inline constexpr int kDefaultVolumeGib = 20;
inline constexpr int kLargestVolumeGib = 16384;

// The flags as typed; empty strings and nullopt mean "not given".
struct LaunchFlags {
  std::string instance_type;
  std::string region;
  std::string availability_zone;
  std::string image_id;
  std::string name;
  std::string ttl;
  std::string idle_timeout;
  std::optional<double> idle_cpu_percent;
  bool no_timeout = false;
  bool hibernate = false;
  bool hibernate_on_idle = false;
  bool spot = false;
  std::string spot_max_price;
  std::string on_complete;
  std::string completion_file;
  std::string completion_delay;
  std::string command;
  std::string key_pair;
  std::string ssh_key;
  std::string ssh_from;
  std::optional<int> volume_size_gib;
  bool use_reservation = false;
  std::string reservation_id;
};

// Why no limit is set: the user's own choice, or spawn's default.
enum class LimitOrigin { user, safety_default, none };

struct LaunchSpec {
  std::string instance_type;
  std::string region;  // empty: the session's region
  std::string availability_zone;
  std::string image_id;  // empty: spawn's default image for the type
  std::string name;
  std::optional<Milliseconds> ttl;
  std::optional<Milliseconds> idle_timeout;
  LimitOrigin idle_origin = LimitOrigin::none;
  std::optional<double> idle_cpu_percent;
  bool hibernate = false;
  bool hibernate_on_idle = false;
  bool spot = false;
  std::string spot_max_price;  // USD per hour as AWS reads it ("0.0331"); empty: on-demand cap
  std::string on_complete =
      "terminate";  // what `spored complete` leads to: terminate, stop, hibernate
  std::string completion_file = std::string(kDefaultCompletionFile);
  Milliseconds completion_delay = kDefaultCompletionDelay;
  std::string command;
  std::string user_script;  // --user-data's text (read from the file for @file)
  std::string key_pair;
  std::string ssh_key;
  std::string ssh_from;
  std::optional<int> volume_size_gib;
  std::string reservation;  // "" none, "open", or a capacity reservation id
  std::optional<double> piped_on_demand_price;
  std::optional<double> piped_spot_price;
};

// Merges `piped` (may be absent) under `flags` and checks everything. Errors are
// ErrorKind::usage and name the flag.
Result<LaunchSpec> make_launch_spec(const LaunchFlags& flags,
                                    const std::optional<TruffleInput>& piped);

// The instance-initiated shutdown behaviour: stop when the agent's final act is a stop or
// hibernation (the disk must survive), terminate otherwise.
std::string_view shutdown_behavior(const LaunchSpec& spec);

}  // namespace spawn
