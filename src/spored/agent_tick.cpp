// One round of the agent: observe, decide, save. Activity is sampled once per
// sample interval (rates need a window); spot notices, the completion file and
// the clock are looked at every round, so those react within seconds.
#include <fmt/format.h>

#include <algorithm>

#include "spored/agent.hpp"
#include "spored/sensors/activity.hpp"
#include "spored/sensors/completion_signal.hpp"
#include "spored/sensors/gpu.hpp"
#include "spored/sensors/sessions.hpp"
#include "util/strings.hpp"

namespace spawn::spored {

namespace {

// A GPU that cannot be asked counts as busy: an idle verdict must be earned.
void add_gpu(Activity& activity) {
  auto gpu = read_gpu_utilisation();
  if (gpu) {
    activity.gpu_percent = *gpu;
    return;
  }
  activity.gpu_percent = 100.0;
  activity.problems.push_back("nvidia-smi: " + gpu.error().message);
}

const ConditionStatus* condition(const Decision& decision, Trigger trigger) {
  auto found = std::ranges::find(decision.conditions, trigger, &ConditionStatus::trigger);
  return found == decision.conditions.end() ? nullptr : &*found;
}

}  // namespace

std::optional<Activity> Agent::sample_activity(SystemTime now) {
  if (last_counters_ && now - last_counters_->taken_at < options_.sample_interval)
    return std::nullopt;
  auto counters = read_counters(options_.sensors_root, now);
  std::optional<Activity> activity;
  if (last_counters_) {
    activity = activity_between(*last_counters_, counters);
    add_gpu(*activity);
    activity->sessions = count_sessions(options_.sensors_root);
    if (activity->problems != sensor_problems_) {
      for (const auto& problem : activity->problems)
        log_.line("cannot measure: " + problem + " (counted as busy)");
      sensor_problems_ = activity->problems;
    }
  }
  last_counters_ = std::move(counters);
  return activity;
}

Observations Agent::observe(SystemTime now) {
  Observations observed;
  observed.now = now;
  observed.activity = sample_activity(now);
  if (!observed.activity)
    observed.last_activity = state_.last_activity;
  if (state_.spot) {
    auto notice = imds_.spot_instance_action();
    if (notice && *notice)
      observed.spot = SpotNotice{(*notice)->action, (*notice)->time};
  }
  if (state_.config.on_complete)
    observed.completion = read_completion_signal(under_root(paths_, state_.config.completion_file));
  return observed;
}

void Agent::tick() {
  auto now = clock_.now();
  auto observed = observe(now);
  auto next = step(state_.config, state_.policy, observed);
  state_.policy = next.state;
  state_.last_decision = next.decision;
  if (observed.activity) {
    state_.last_activity = observed.activity;
    const auto* idle = condition(next.decision, Trigger::idle);
    if (idle != nullptr && idle->enabled)
      log_.line(idle->summary);
  }
  last_observed_ = observed;
  carry_out(next.decision, now);
  state_.updated_at = now;
  save();
}

void Agent::stop() {
  state_.updated_at = clock_.now();
  save();
}

void Agent::save() {
  if (auto saved = save_agent_state(paths_.state_file, state_); !saved)
    log_.line("cannot save " + paths_.state_file.string() + ": " + saved.error().message);
}

}  // namespace spawn::spored
