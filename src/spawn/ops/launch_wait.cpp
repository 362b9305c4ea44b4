#include "spawn/ops/launch_wait.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>

#include "platform/tcp_probe.hpp"

namespace spawn::ops {

namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds left_until(Clock::time_point deadline) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
}

bool is_gone(const aws::Instance& instance) {
  return instance.state.name == "terminated" || instance.state.name == "shutting-down";
}

std::string why_gone(const aws::Instance& instance) {
  return instance.state_reason.message.empty() ? instance.state_transition_reason
                                               : instance.state_reason.message;
}

}  // namespace

Error interrupted_error() {
  return {ErrorKind::conflict, "interrupted (Ctrl-C)", std::nullopt};
}

bool pause_unless_stopped(std::chrono::milliseconds pause, std::stop_token stop) {
  std::mutex mutex;
  std::condition_variable_any woken;
  std::unique_lock lock(mutex);
  (void)woken.wait_for(lock, stop, pause, [] { return false; });
  return !stop.stop_requested();
}

Result<aws::Instance> wait_for_instance(aws::Ec2Client& ec2, const std::string& instance_id,
                                        const std::function<bool(const aws::Instance&)>& ready,
                                        WaitPolicy policy, std::stop_token stop) {
  auto deadline = Clock::now() + policy.deadline;
  for (;;) {
    if (stop.stop_requested())
      return std::unexpected(interrupted_error());
    auto found = ec2.describe_instances({.ids = {instance_id}});
    // Just after RunInstances, EC2 may not know the id yet (eventual consistency).
    bool unknown_yet = !found && found.error().kind == ErrorKind::not_found;
    if (!found && !unknown_yet)
      return std::unexpected(found.error());
    if (found && !found->items.empty()) {
      const aws::Instance& instance = found->items.front();
      if (ready(instance))
        return instance;
      if (is_gone(instance)) {
        return fail(ErrorKind::conflict,
                    fmt::format("{} was terminated: {}", instance_id, why_gone(instance)));
      }
    }
    if (left_until(deadline).count() <= 0) {
      auto waited = std::chrono::duration_cast<std::chrono::seconds>(policy.deadline);
      return fail(ErrorKind::timeout,
                  fmt::format("{} was not ready after {}s", instance_id, waited.count()));
    }
    if (!pause_unless_stopped(std::min(policy.interval, left_until(deadline)), stop))
      return std::unexpected(interrupted_error());
  }
}

Result<std::string> wait_for_ssh(const std::string& host, std::uint16_t port, WaitPolicy policy,
                                 std::stop_token stop) {
  auto deadline = Clock::now() + policy.deadline;
  std::string last_problem;
  while (left_until(deadline).count() > 0) {
    if (stop.stop_requested())
      return std::unexpected(interrupted_error());
    auto attempt = std::min<std::chrono::milliseconds>(kSshAttemptTimeout, left_until(deadline));
    auto greeting = platform::read_greeting(host, port, attempt);
    if (greeting && greeting->starts_with("SSH-"))
      return *greeting;
    last_problem = greeting ? fmt::format("it answered `{}`", *greeting) : greeting.error().message;
    if (!pause_unless_stopped(std::min(policy.interval, left_until(deadline)), stop))
      return std::unexpected(interrupted_error());
  }
  return fail(ErrorKind::timeout,
              fmt::format("no SSH server answered on {}:{} ({})", host, port, last_problem),
              "the instance may still be booting, or a firewall between you and it blocks port "
              "22; try `spawn connect` in a minute");
}

}  // namespace spawn::ops
