// The four conditions of the policy, each judged on its own: what it tells
// `spored status` and what, if anything, it asks for in this step. step() (policy.cpp)
// applies the priority, the grace after an action and the state bookkeeping.
#pragma once

#include <optional>
#include <string>

#include "spored/policy.hpp"

namespace spawn::spored {

// What one condition asks for in this step.
struct Request {
  DecisionKind kind = DecisionKind::warn;  // warn, act or spot_notice
  StopAction action = StopAction::terminate;
  std::string reason;
  std::string warning;
};

struct ConditionOutcome {
  ConditionStatus status;
  std::optional<Request> request;
};

// A notice whose time is not state.spot_notice_handled asks to be passed on.
ConditionOutcome judge_spot(const Observations& observed, const PolicyState& state);
// Also keeps state.completion_seen_at: set when the file is first seen, cleared when it
// is gone or on-complete is off.
ConditionOutcome judge_completion(const AgentConfig& config, const Observations& observed,
                                  PolicyState& state);
ConditionOutcome judge_ttl(const AgentConfig& config, const PolicyState& state, SystemTime now);
// `verdict` judges the interval that ended now (nullopt when none did); state.last_active
// already includes it.
ConditionOutcome judge_idleness(const AgentConfig& config, const PolicyState& state, SystemTime now,
                                const std::optional<IdleVerdict>& verdict);

// What `trigger` asks EC2 to do under `config` (terminate for spot, which never acts itself).
StopAction action_of(Trigger trigger, const AgentConfig& config);
// "2026-11-27 18:00:00 UTC"
std::string format_utc(SystemTime time);

}  // namespace spawn::spored
