#include "spawn/ops/launch_wait.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "platform/tcp_probe.hpp"

namespace spawn::ops {

namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds left_until(Clock::time_point deadline) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
}

}  // namespace

Result<std::string> wait_for_ssh(const std::string& host, std::uint16_t port,
                                 const WaitLimits& limits, const std::stop_token& stop) {
  auto deadline = Clock::now() + limits.timeout;
  std::string last_problem;
  while (left_until(deadline).count() > 0) {
    if (stop.stop_requested())
      return std::unexpected(interrupted_error());
    auto attempt = std::min<std::chrono::milliseconds>(kSshAttemptTimeout, left_until(deadline));
    auto greeting = platform::read_greeting(host, port, attempt);
    if (greeting && greeting->starts_with("SSH-"))
      return *greeting;
    last_problem = greeting ? fmt::format("it answered `{}`", *greeting) : greeting.error().message;
    if (!pause_unless_stopped(std::min(limits.interval, left_until(deadline)), stop))
      return std::unexpected(interrupted_error());
  }
  return fail(ErrorKind::timeout,
              fmt::format("no SSH server answered on {}:{} ({})", host, port, last_problem),
              "the instance may still be booting, or a firewall between you and it blocks port "
              "22; try `spawn connect` in a minute");
}

}  // namespace spawn::ops
