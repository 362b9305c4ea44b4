// Carrying out a decision. Before an action: the stop reason goes on the instance
// as tags (and the completion status, when that is the trigger), the pre-stop
// hook runs, users get the final warning. Then EC2 is asked; when it refuses or
// cannot be reached after the client's retries, the machine powers itself off.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "platform/process.hpp"
#include "spored/agent.hpp"
#include "spored/instance_control.hpp"
#include "spored/pre_stop_hook.hpp"
#include "spored/user_warnings.hpp"
#include "util/file.hpp"
#include "util/time_format.hpp"

namespace spawn::spored {

namespace {

constexpr std::chrono::seconds kShutdownTimeout{30};
constexpr std::size_t kLongestTagValue = 256;

std::string tag_text(std::string text) {
  if (text.size() > kLongestTagValue)
    text.resize(kLongestTagValue);
  return text;
}

}  // namespace

void Agent::carry_out(const Decision& decision, SystemTime now) {
  switch (decision.kind) {
    case DecisionKind::none: return;
    case DecisionKind::warn: warn(decision.warning); return;
    case DecisionKind::spot_notice: handle_spot_notice(decision, last_observed_); return;
    case DecisionKind::act: act(decision, now); return;
  }
}

void Agent::warn(const std::string& message) {
  if (auto warned = warn_users(paths_.warning_file, message); !warned)
    log_.line("cannot write " + paths_.warning_file.string() + ": " + warned.error().message);
  log_.line("warning sent to users: " + message);
}

void Agent::run_hook(const Decision& decision) {
  const auto& hook = state_.config.pre_stop_hook;
  if (hook.empty())
    return;
  log_.line("running the pre-stop hook " + hook);
  auto ran =
      run_pre_stop_hook(under_root(paths_, hook), state_.config.pre_stop_hook_timeout,
                        std::string(to_string(decision.trigger)), decision.action, decision.reason);
  if (!ran) {
    log_.line("pre-stop hook: " + ran.error().message);
    return;
  }
  log_.line(fmt::format("pre-stop hook exited with {}{}{}", ran->exit_code,
                        ran->output.empty() ? "" : ": ", ran->output));
}

void Agent::handle_spot_notice(const Decision& decision, const Observations& observed) {
  log_.line("spot interruption notice: " + decision.reason);
  run_hook(decision);
  warn(decision.warning);
  if (!observed.spot)
    return;
  nlohmann::json notice{{"event", "spot-interruption"},
                        {"instance_id", state_.instance_id},
                        {"action", observed.spot->action},
                        {"time", format_iso8601(observed.spot->time)},
                        {"detected_at", format_iso8601(observed.now)}};
  if (auto written = write_file_atomic(paths_.spot_notice_file, notice.dump(2) + "\n"); !written)
    log_.line("cannot write " + paths_.spot_notice_file.string() + ": " + written.error().message);
}

void Agent::record_stop_reason(const Decision& decision, const Observations& observed) {
  if (ec2() == nullptr)
    return;
  std::vector<aws::Tag> tags{{"spawn:last-stop-reason", tag_text(decision.reason)},
                             {"spawn:last-stop-time", format_iso8601(observed.now)}};
  if (decision.trigger == Trigger::completion && observed.completion) {
    tags.push_back({"spawn:completion-status", tag_text(observed.completion->status)});
    tags.push_back({"spawn:completion-message", tag_text(observed.completion->message)});
  }
  if (auto recorded = InstanceControl(*ec2(), state_.instance_id).record(tags); !recorded)
    log_.line("cannot record the stop reason as tags: " + recorded.error().message);
}

void Agent::act(const Decision& decision, SystemTime now) {
  log_.line(fmt::format("{}: {} -> {}", to_string(decision.trigger), decision.reason,
                        to_string(decision.action)));
  record_stop_reason(decision, last_observed_);
  run_hook(decision);
  warn(decision.warning);
  state_.policy.acted = decision.trigger;
  state_.policy.acted_at = now;
  if (ec2() == nullptr) {
    power_off("no EC2 client (instance metadata or credentials unavailable)");
    return;
  }
  auto requested = InstanceControl(*ec2(), state_.instance_id).request(decision.action);
  if (!requested) {
    state_.last_action_error = requested.error().message;
    auto hint = action_error_hint(requested.error());
    log_.line(fmt::format("EC2 did not {} the instance: {}{}{}", to_string(decision.action),
                          requested.error().message, hint.empty() ? "" : "; ", hint));
    power_off("the EC2 request failed");
    return;
  }
  state_.last_action_error.clear();
  log_.line(fmt::format("EC2 accepted the request to {} {}{}{}", to_string(decision.action),
                        state_.instance_id, requested->empty() ? "" : ": ", *requested));
}

void Agent::power_off(const std::string& why) {
  log_.line("powering off from inside with `shutdown -h now`: " + why);
  auto ran = platform::run_process({"shutdown", "-h", "now"}, {.timeout = kShutdownTimeout});
  if (!ran || ran->exit_code != 0) {
    auto detail = ran ? ran->error_output : ran.error().message;
    state_.last_action_error += "; shutdown failed: " + detail;
    log_.line("shutdown failed: " + detail);
  }
}

}  // namespace spawn::spored
