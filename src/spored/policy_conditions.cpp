// Each condition alone: its one-line explanation for `spored status` and the warning
// or action it asks for. Texts for users follow core.md §11.5-§11.9; times shown to
// people are cut to whole seconds.
#include "spored/policy_conditions.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/strings.hpp"
#include "util/time_format.hpp"

namespace spawn::spored {
namespace {

using std::chrono::floor;
using std::chrono::seconds;

// "in 3h12m" or "12m ago"
std::string relative(SystemTime when, SystemTime now) {
  if (when >= now)
    return "in " + format_duration(floor<seconds>(when - now));
  return format_duration(floor<seconds>(now - when)) + " ago";
}

// "terminates", "stops", "hibernates"
std::string third_person(StopAction action) {
  return std::string(to_string(action)) + "s";
}

std::string_view shouted_participle(StopAction action) {
  switch (action) {
    case StopAction::stop: return "STOPPING";
    case StopAction::hibernate: return "HIBERNATING";
    case StopAction::terminate: break;
  }
  return "TERMINATING";
}

// "TERMINATING IN 5 MINUTES", rounded up so the count never says 0; the last minute
// in seconds.
std::string countdown(StopAction action, SystemTime::duration left) {
  if (left < std::chrono::minutes{1}) {
    auto whole_seconds = std::chrono::ceil<std::chrono::seconds>(left).count();
    return fmt::format("{} IN {} SECOND{}", shouted_participle(action), whole_seconds,
                       whole_seconds == 1 ? "" : "S");
  }
  auto minutes = std::chrono::ceil<std::chrono::minutes>(left).count();
  return fmt::format("{} IN {} MINUTE{}", shouted_participle(action), minutes,
                     minutes == 1 ? "" : "S");
}

Request act(StopAction action, std::string reason) {
  std::string warning = fmt::format("{} NOW - Reason: {}", shouted_participle(action), reason);
  return {DecisionKind::act, action, std::move(reason), std::move(warning)};
}

// Countdown warnings (TTL and idle) start kWarningLead before the action and repeat at
// most every kWarningRepeat; a warning "from the future" (the clock went back) does not
// silence them.
bool warning_due(const PolicyState& state, SystemTime now, SystemTime fires_at) {
  if (fires_at - now > kWarningLead)
    return false;
  return !state.last_warning_at || *state.last_warning_at > now ||
         now - *state.last_warning_at >= kWarningRepeat;
}

ConditionOutcome off(Trigger trigger, std::string_view tag) {
  return {{trigger, false, fmt::format("off: {} is not set", tag), std::nullopt}, std::nullopt};
}

std::string completion_reason(const CompletionSignal& signal) {
  if (signal.status.empty())
    return "workload complete (no status given)";
  return fmt::format("workload complete (status: {})", signal.status);
}

}  // namespace

StopAction action_of(Trigger trigger, const AgentConfig& config) {
  switch (trigger) {
    case Trigger::completion: return config.on_complete.value_or(StopAction::terminate);
    case Trigger::idle:
      return config.hibernate_on_idle ? StopAction::hibernate : StopAction::terminate;
    case Trigger::spot:
    case Trigger::ttl: break;
  }
  return StopAction::terminate;
}

std::string format_utc(SystemTime time) {
  std::string text = format_iso8601(time);  // "2026-11-27T18:00:00Z"
  text[text.find('T')] = ' ';
  text.pop_back();
  return text + " UTC";
}

ConditionOutcome judge_spot(const Observations& observed, const PolicyState& state) {
  ConditionOutcome outcome{{Trigger::spot, true, "no interruption notice", std::nullopt},
                           std::nullopt};
  if (!observed.spot)
    return outcome;
  const SpotNotice& notice = *observed.spot;
  std::string when =
      fmt::format("{} ({})", format_utc(notice.time), relative(notice.time, observed.now));
  outcome.status.summary = fmt::format("AWS will {} this instance at {}", notice.action, when);
  outcome.status.fires_at = notice.time;
  if (state.spot_notice_handled != notice.time) {
    outcome.request = Request{
        DecisionKind::spot_notice, stop_action_from(notice.action).value_or(StopAction::terminate),
        fmt::format("spot interruption: AWS will {} at {}", notice.action, format_utc(notice.time)),
        fmt::format("SPOT INTERRUPTION\nAWS will {} this instance at {}.\nSave your work now.",
                    notice.action, when)};
  }
  return outcome;
}

ConditionOutcome judge_completion(const AgentConfig& config, const Observations& observed,
                                  PolicyState& state) {
  if (!config.on_complete) {
    state.completion_seen_at.reset();
    return off(Trigger::completion, "spawn:on-complete");
  }
  StopAction action = *config.on_complete;
  std::string delay = format_duration(config.completion_delay);
  if (!observed.completion) {
    state.completion_seen_at.reset();
    return {
        {Trigger::completion, true,
         fmt::format("{} {} after {} appears", to_string(action), delay, config.completion_file),
         std::nullopt},
        std::nullopt};
  }
  bool first_seen = !state.completion_seen_at;
  SystemTime seen_at = state.completion_seen_at.value_or(observed.now);
  state.completion_seen_at = seen_at;
  SystemTime fires_at = seen_at + config.completion_delay;
  std::string reason = completion_reason(*observed.completion);
  ConditionOutcome outcome{{Trigger::completion, true,
                            fmt::format("{}: {} at {} ({})", reason, third_person(action),
                                        format_utc(fires_at), relative(fires_at, observed.now)),
                            fires_at},
                           std::nullopt};
  if (observed.now >= fires_at) {
    outcome.request = act(action, std::move(reason));
  } else if (first_seen) {
    outcome.request =
        Request{DecisionKind::warn, action, std::move(reason),
                fmt::format("Workload complete - {} in {}", to_string(action), delay)};
  }
  return outcome;
}

ConditionOutcome judge_ttl(const AgentConfig& config, const PolicyState& state, SystemTime now) {
  auto deadline = ttl_deadline(config, state);
  if (!deadline)
    return off(Trigger::ttl, "spawn:ttl");
  std::string ttl = format_duration(*config.ttl);
  bool expired = now >= *deadline;
  ConditionOutcome outcome{
      {Trigger::ttl, true,
       fmt::format("TTL {}: {} at {} ({})", ttl, expired ? "expired" : "terminates",
                   format_utc(*deadline), relative(*deadline, now)),
       deadline},
      std::nullopt};
  if (expired) {
    outcome.request = act(StopAction::terminate, fmt::format("TTL {} expired", ttl));
  } else if (warning_due(state, now, *deadline)) {
    outcome.request =
        Request{DecisionKind::warn, StopAction::terminate, fmt::format("TTL {} ends soon", ttl),
                fmt::format("{} (TTL {}). Save your work; extend with: spawn extend <instance> 1h",
                            countdown(StopAction::terminate, *deadline - now), ttl)};
  }
  return outcome;
}

ConditionOutcome judge_idleness(const AgentConfig& config, const PolicyState& state, SystemTime now,
                                const std::optional<IdleVerdict>& verdict) {
  if (!config.idle_timeout)
    return off(Trigger::idle, "spawn:idle-timeout");
  Milliseconds timeout = *config.idle_timeout;
  SystemTime fires_at = state.last_active + timeout;
  ConditionOutcome outcome{{Trigger::idle, true, "", fires_at}, std::nullopt};
  if (verdict && !verdict->idle) {
    outcome.status.summary = "active: " + join(verdict->busy_signals, ", ");
    return outcome;
  }
  auto idle_for = std::max(now - state.last_active, SystemTime::duration::zero());
  std::string idle = fmt::format("idle {} of {}", format_duration(floor<seconds>(idle_for)),
                                 format_duration(timeout));
  outcome.status.summary = verdict ? idle + ": " + verdict->description : idle;
  StopAction action = action_of(Trigger::idle, config);
  if (idle_for >= timeout) {
    outcome.request = act(action, outcome.status.summary);
  } else if (warning_due(state, now, fires_at)) {
    outcome.request =
        Request{DecisionKind::warn, action, outcome.status.summary,
                fmt::format("{} ({}). Any activity on the instance resets the idle clock.",
                            countdown(action, fires_at - now), idle)};
  }
  return outcome;
}

}  // namespace spawn::spored
