#include "spawn/ops/instance_wait.hpp"

#include <fmt/format.h>

#include <condition_variable>
#include <mutex>

#include "spawn/ops/managed_instance.hpp"

namespace spawn::ops {

namespace {

// States from which `target` can never follow. (A stopped instance just after StartInstances
// is not one: EC2's answers are eventually consistent.)
bool dead_end(std::string_view state, std::string_view target) {
  if (target == instance_state::terminated)
    return false;
  return state == instance_state::terminated || state == instance_state::shutting_down;
}

std::string why_it_ended(const aws::Instance& instance) {
  const std::string& reason = instance.state_reason.message.empty()
                                  ? instance.state_transition_reason
                                  : instance.state_reason.message;
  return reason.empty() ? "" : ": " + reason;
}

// The instance as EC2 describes it now; nullopt while EC2 does not know the id yet.
Result<std::optional<aws::Instance>> describe_one(aws::Ec2Client& ec2,
                                                  const std::string& instance_id) {
  auto described = ec2.describe_instances({.ids = {instance_id}});
  if (!described && described.error().kind == ErrorKind::not_found)
    return std::nullopt;
  if (!described)
    return std::unexpected(described.error());
  if (described->items.empty())
    return std::nullopt;
  return std::move(described->items.front());
}

}  // namespace

Error interrupted_error() {
  return {ErrorKind::conflict, "interrupted (Ctrl-C)", std::nullopt};
}

bool pause_unless_stopped(std::chrono::milliseconds pause, const std::stop_token& stop) {
  std::mutex mutex;
  std::condition_variable_any woken;
  std::unique_lock lock(mutex);
  (void)woken.wait_for(lock, stop, pause, [] { return false; });
  return !stop.stop_requested();
}

Result<aws::Instance> wait_for_state(aws::AwsClient& client, const std::string& instance_id,
                                     std::string_view target, const WaitLimits& limits,
                                     const std::stop_token& stop) {
  aws::Ec2Client ec2(client);
  const SystemTime deadline = client.clock().now() + limits.timeout;
  while (true) {
    if (stop.stop_requested())
      return std::unexpected(interrupted_error());
    auto instance = describe_one(ec2, instance_id);
    if (!instance)
      return std::unexpected(instance.error());
    std::string state = *instance ? (*instance)->state.name : "unknown to EC2";
    if (*instance && state == target)
      return std::move(**instance);
    if (*instance && dead_end(state, target)) {
      return fail(ErrorKind::conflict, fmt::format("{} is {} and will not become {}{}", instance_id,
                                                   state, target, why_it_ended(**instance)));
    }
    if (client.clock().now() >= deadline) {
      return fail(ErrorKind::timeout,
                  fmt::format("{} is still {} after {}", instance_id, state,
                              format_duration(limits.timeout)),
                  fmt::format("EC2 may be slow; check later with `spawn status {}`.", instance_id));
    }
    if (!stop.stop_possible()) {
      client.clock().sleep_for(limits.interval);
    } else if (!pause_unless_stopped(limits.interval, stop)) {
      return std::unexpected(interrupted_error());
    }
  }
}

}  // namespace spawn::ops
