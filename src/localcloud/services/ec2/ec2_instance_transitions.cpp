#include "localcloud/services/ec2/ec2_instance_transitions.hpp"

#include <ctime>

namespace spawn::localcloud {
namespace {

ApiError incorrect_state(const Json& instance, std::string_view action) {
  return client_error("IncorrectInstanceState",
                      "The instance '" + instance.value("InstanceId", "") +
                          "' is not in a state from which it can be " + std::string(action) + ".");
}

// "User initiated (2014-01-11 14:39:31 GMT)"
std::string initiated_at(std::string_view who, SystemTime now) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &utc);
  return std::string(who) + " initiated (" + text + " GMT)";
}

Transition unchanged(const Json& instance) {
  InstanceState state = state_of(instance);
  return Transition{{instance.value("InstanceId", ""), state, state}, std::nullopt};
}

Transition move(Json& instance, InstanceState to, Step next, TransitionTiming timing) {
  InstanceState from = state_of(instance);
  set_state(instance, to);
  runtime_of(instance)[std::string(runtime::kDueAt)] = epoch_ms(timing.now + timing.delay);
  return Transition{{instance.value("InstanceId", ""), from, to}, next};
}

void record_reason(Json& instance, const StateReason& reason, SystemTime now) {
  bool by_user = reason.code.starts_with("Client.User");
  instance["StateTransitionReason"] = initiated_at(by_user ? "User" : "Service", now);
  instance["StateReason"] = {{"Code", reason.code}, {"Message", reason.message}};
  runtime_of(instance).erase(std::string(runtime::kSpotAction));
  runtime_of(instance).erase(std::string(runtime::kSpotActionAt));
}

}  // namespace

std::expected<Transition, ApiError> begin_start(Json& instance, TransitionTiming timing) {
  switch (state_of(instance)) {
    case InstanceState::pending:
    case InstanceState::running: return unchanged(instance);
    case InstanceState::stopped: break;
    default: return std::unexpected(incorrect_state(instance, "started"));
  }
  instance["StateTransitionReason"] = "";
  instance.erase("StateReason");
  return move(instance, InstanceState::pending, Step::boot, timing);
}

std::expected<Transition, ApiError> begin_stop(Json& instance, StopMode mode,
                                               const StateReason& reason, TransitionTiming timing) {
  switch (state_of(instance)) {
    case InstanceState::stopping:
    case InstanceState::stopped: return unchanged(instance);
    case InstanceState::running: break;
    default: return std::unexpected(incorrect_state(instance, "stopped"));
  }
  record_reason(instance, reason, timing.now);
  runtime_of(instance)[std::string(runtime::kStopMode)] =
      mode == StopMode::hibernate ? "hibernate" : "stop";
  return move(instance, InstanceState::stopping, Step::finish_stop, timing);
}

std::expected<Transition, ApiError> begin_termination(Json& instance, const StateReason& reason,
                                                      TransitionTiming timing) {
  InstanceState state = state_of(instance);
  if (state == InstanceState::shutting_down || state == InstanceState::terminated)
    return unchanged(instance);
  record_reason(instance, reason, timing.now);
  return move(instance, InstanceState::shutting_down, Step::finish_termination, timing);
}

std::expected<Transition, ApiError> begin_reboot(Json& instance) {
  switch (state_of(instance)) {
    case InstanceState::pending: return unchanged(instance);
    case InstanceState::running: {
      Transition transition = unchanged(instance);
      transition.next = Step::reboot;
      return transition;
    }
    default: return std::unexpected(incorrect_state(instance, "rebooted"));
  }
}

}  // namespace spawn::localcloud
