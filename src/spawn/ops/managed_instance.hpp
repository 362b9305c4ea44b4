// An instance spawn launched, as the instance commands see it: EC2's description,
// the region it lives in and its tags as a map. Tags are spawn's only state
// (ARCHITECTURE decision 3), so what a command knows about an instance's limits
// it reads here. The TTL counts from the launch time (decision 5): EC2 moves the
// launch time on every start, which is why `spawn stop` saves what is left of it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "aws/ec2.hpp"
#include "core/duration.hpp"
#include "util/clock.hpp"

namespace spawn::ops {

// The state names EC2 reports.
namespace instance_state {
inline constexpr std::string_view pending = "pending";
inline constexpr std::string_view running = "running";
inline constexpr std::string_view shutting_down = "shutting-down";
inline constexpr std::string_view terminated = "terminated";
inline constexpr std::string_view stopping = "stopping";
inline constexpr std::string_view stopped = "stopped";
}  // namespace instance_state

// The tags spawn writes and reads on instances besides those of launch_tags().
namespace instance_tag {
inline constexpr std::string_view managed = "spawn:managed";
inline constexpr std::string_view name = "Name";
inline constexpr std::string_view ttl = "spawn:ttl";
inline constexpr std::string_view ttl_remaining = "spawn:ttl-remaining";
inline constexpr std::string_view last_stop_reason = "spawn:last-stop-reason";
inline constexpr std::string_view last_stop_time = "spawn:last-stop-time";
inline constexpr std::string_view last_start_time = "spawn:last-start-time";
inline constexpr std::string_view job_array_id = "spawn:job-array-id";
inline constexpr std::string_view job_array_name = "spawn:job-array-name";
}  // namespace instance_tag

struct ManagedInstance {
  aws::Instance instance;
  std::string region;
  std::map<std::string, std::string, std::less<>> tags;

  const std::string& id() const { return instance.instance_id; }
  const std::string& state() const { return instance.state.name; }
  // The tag's value, or nullopt when the instance does not carry it.
  std::optional<std::string> tag(std::string_view key) const;
  // The Name tag, or "".
  std::string name() const;
  // Whether spawn:managed=true: spawn acts only on instances it launched.
  bool is_managed() const;
  bool is_spot() const { return instance.lifecycle == "spot"; }
  // spawn:ttl, parsed; nullopt when absent or not a duration (spored ignores those too).
  std::optional<Milliseconds> ttl() const;
  // Launch time + TTL: when spored terminates the instance; nullopt without both.
  std::optional<SystemTime> deadline() const;
  // deadline() - now, negative once passed; nullopt without a deadline.
  std::optional<Milliseconds> ttl_left(SystemTime now) const;
  // now - launch time, whole seconds; zero when EC2 gave no launch time.
  Milliseconds age(SystemTime now) const;
};

// Wraps an EC2 description with its region, the tags copied into the map.
ManagedInstance make_managed_instance(aws::Instance instance, std::string region);

// "i-0abc (dev-box)", or the id alone for an unnamed instance: how messages name it.
std::string display_name(const ManagedInstance& instance);

}  // namespace spawn::ops
