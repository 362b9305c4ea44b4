// The decision of the agent, as a pure function of (configuration, what happened
// before, what is observed now). Everything that watches the clock or the machine
// feeds Observations; everything that acts reads the Decision. Tests drive it with
// made-up times and readings.
//
// Priority (core.md §11.4): a spot interruption notice, then the completion signal,
// then the TTL, then idleness. The first condition that asks for something wins.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "spored/agent_config.hpp"
#include "spored/sensors/activity.hpp"
#include "spored/sensors/completion_signal.hpp"
#include "util/clock.hpp"

namespace spawn::spored {

// Warnings start this long before a TTL or idle action, and repeat at most this often.
inline constexpr Duration kWarningLead = std::chrono::minutes{5};
inline constexpr Duration kWarningRepeat = std::chrono::minutes{1};
// After an action request succeeded, the agent waits this long for the machine to go
// before it asks again (a request that AWS accepted but that did not happen).
inline constexpr Duration kActionGrace = std::chrono::minutes{5};

enum class Trigger { spot, completion, ttl, idle };
std::string_view to_string(Trigger trigger);  // "spot", "completion", "ttl", "idle"

// From meta-data/spot/instance-action.
struct SpotNotice {
  std::string action;  // "terminate", "stop" or "hibernate": what AWS will do
  SystemTime time;     // when

  bool operator==(const SpotNotice&) const = default;
};

// What the policy remembers between steps; kept on disk so that neither an agent
// restart nor a reboot resets a countdown.
struct PolicyState {
  SystemTime launch_time{};  // the TTL counts from here
  SystemTime last_active{};  // end of the last busy interval (or agent start)
  std::optional<SystemTime> completion_seen_at;
  std::optional<SystemTime> spot_notice_handled;  // the `time` of the notice already handled
  std::optional<SystemTime> last_warning_at;
  std::optional<Trigger> acted;        // an action was requested successfully ...
  std::optional<SystemTime> acted_at;  // ... at this time

  bool operator==(const PolicyState&) const = default;
};

struct Observations {
  SystemTime now{};
  std::optional<Activity> activity;  // the interval that just ended; nullopt when none ended
  // The interval measured before, when none ended now: what `spored status` explains
  // between measurements (idle accounting uses only `activity`).
  std::optional<Activity> last_activity;
  std::optional<CompletionSignal> completion;  // nullopt: no completion file
  std::optional<SpotNotice> spot;              // nullopt: no notice (or not a spot instance)
};

// Each condition as `spored status` explains it.
struct ConditionStatus {
  Trigger trigger = Trigger::ttl;
  bool enabled = false;
  // One line: "TTL 8h: terminates at 2026-11-27 18:00:00 UTC (in 3h12m)",
  // "idle 12m of 30m: cpu 0.4% net 2 KB/min disk 0 B/min gpu 0% sessions 0",
  // "active: cpu 87% (threshold 5%)", "off: spawn:idle-timeout is not set".
  std::string summary;
  std::optional<SystemTime> fires_at;  // when it would act if nothing changes

  bool operator==(const ConditionStatus&) const = default;
};

enum class DecisionKind {
  none,         // nothing to do
  warn,         // tell logged-in users (wall and /tmp/SPAWN_WARNING)
  act,          // run the pre-stop hook, warn, then ask EC2 for `action`
  spot_notice,  // AWS will act: run the pre-stop hook and warn, once per notice
};

struct Decision {
  DecisionKind kind = DecisionKind::none;
  Trigger trigger = Trigger::ttl;             // meaningful unless kind is none
  StopAction action = StopAction::terminate;  // for act
  std::string reason;   // for the log and EC2 tags: "TTL 8h expired", "idle 30m of 30m: ..."
  std::string warning;  // for users, when kind is warn, act or spot_notice
  std::vector<ConditionStatus> conditions;  // always all four, in priority order

  bool operator==(const Decision&) const = default;
};

struct Step {
  PolicyState state;  // to remember for the next step
  Decision decision;
};

// Whether one interval was idle under `thresholds`, and the words that say so:
// "cpu 0.4% net 2 KB/min disk 0 B/min gpu 0% sessions 0". An unmeasured signal counts
// as busy (an unreadable /proc must not terminate a working machine).
struct IdleVerdict {
  bool idle = false;
  std::string description;
  std::vector<std::string> busy_signals;  // "cpu 87% >= 5%", "sessions 1"
};
IdleVerdict judge_idle(const IdleThresholds& thresholds, const Activity& activity);

// One step of the agent. Without spawn:managed=true it never warns or acts.
Step step(const AgentConfig& config, const PolicyState& state, const Observations& observed);

// What step() reports as the moment the TTL ends; nullopt without a TTL.
std::optional<SystemTime> ttl_deadline(const AgentConfig& config, const PolicyState& state);

}  // namespace spawn::spored
