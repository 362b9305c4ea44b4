// step(): the idle accounting, then the four conditions (policy_conditions.cpp), then
// the priority among what they ask for. Two rules sit here rather than in a condition:
// - an unmanaged instance is watched (the idle clock keeps running, so that turning
//   spawn:managed on later does not start it from an old reading) but never warned or acted on;
// - after a successful action request the agent waits kActionGrace for the machine to go.
//   step() never sets `acted` itself: only the daemon knows whether EC2 accepted the
//   request, and it records acted/acted_at then. Past the grace the condition that still
//   fires acts again (a request AWS accepted that did not happen).
#include "spored/policy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "spored/policy_conditions.hpp"

namespace spawn::spored {
namespace {

constexpr std::array<Trigger, 4> kPriority{Trigger::spot, Trigger::completion, Trigger::ttl,
                                           Trigger::idle};

std::vector<ConditionStatus> unmanaged_conditions() {
  std::vector<ConditionStatus> conditions;
  conditions.reserve(kPriority.size());
  for (Trigger trigger : kPriority)
    conditions.push_back({trigger, false, "off: spawn:managed is not true", std::nullopt});
  return conditions;
}

bool waiting_for_action(const PolicyState& state, SystemTime now) {
  return state.acted && state.acted_at && now < *state.acted_at + kActionGrace;
}

// The condition that acted explains the wait instead of its usual line.
void explain_wait(const AgentConfig& config, const PolicyState& state,
                  std::vector<ConditionStatus>& conditions) {
  SystemTime again = *state.acted_at + kActionGrace;
  for (ConditionStatus& status : conditions) {
    if (status.trigger != *state.acted)
      continue;
    status.summary = fmt::format(
        "waiting for the instance to {} (asked at {}; asking again from {})",
        to_string(action_of(*state.acted, config)), format_utc(*state.acted_at), format_utc(again));
    status.fires_at = again;
  }
}

using Outcomes = std::array<ConditionOutcome, 4>;  // in priority order

std::vector<ConditionStatus> statuses(const Outcomes& outcomes) {
  std::vector<ConditionStatus> conditions;
  for (const ConditionOutcome& outcome : outcomes)
    conditions.push_back(outcome.status);
  return conditions;
}

// The first condition that asks for something wins.
Decision decide(Outcomes& outcomes) {
  Decision decision;
  decision.conditions = statuses(outcomes);
  auto first = std::ranges::find_if(outcomes, [](const auto& o) { return o.request.has_value(); });
  if (first == outcomes.end())
    return decision;
  Request& request = *first->request;
  decision.kind = request.kind;
  decision.trigger = first->status.trigger;
  decision.action = request.action;
  decision.reason = std::move(request.reason);
  decision.warning = std::move(request.warning);
  return decision;
}

}  // namespace

std::string_view to_string(Trigger trigger) {
  switch (trigger) {
    case Trigger::spot: return "spot";
    case Trigger::completion: return "completion";
    case Trigger::idle: return "idle";
    case Trigger::ttl: break;
  }
  return "ttl";
}

std::optional<SystemTime> ttl_deadline(const AgentConfig& config, const PolicyState& state) {
  if (!config.ttl)
    return std::nullopt;
  return state.launch_time + *config.ttl;
}

Step step(const AgentConfig& config, const PolicyState& state, const Observations& observed) {
  Step result{state, {}};
  PolicyState& next = result.state;
  // The verdict on the latest measured interval explains idleness; only a fresh one counts.
  const auto& latest = observed.activity ? observed.activity : observed.last_activity;
  std::optional<IdleVerdict> verdict;
  if (latest)
    verdict = judge_idle(config.idle, *latest);
  if (observed.activity && !verdict->idle)
    next.last_active = observed.now;
  if (!config.managed) {
    next.completion_seen_at.reset();
    result.decision.conditions = unmanaged_conditions();
    return result;
  }
  Outcomes outcomes{judge_spot(observed, next), judge_completion(config, observed, next),
                    judge_ttl(config, next, observed.now),
                    judge_idleness(config, next, observed.now, verdict)};
  if (waiting_for_action(next, observed.now)) {
    result.decision.conditions = statuses(outcomes);
    explain_wait(config, next, result.decision.conditions);
    return result;
  }
  result.decision = decide(outcomes);
  if (result.decision.kind == DecisionKind::spot_notice)
    next.spot_notice_handled = observed.spot->time;
  if (result.decision.kind == DecisionKind::warn)
    next.last_warning_at = observed.now;
  return result;
}

}  // namespace spawn::spored
