#include "spored/daemon.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <ostream>

#include "aws/beast_transport.hpp"
#include "core/version.hpp"
#include "util/file.hpp"

namespace spawn::spored {

namespace {

sigset_t handled_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGHUP);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  return signals;
}

// The signal that arrived within `timeout`, or 0.
int wait_for_signal(const sigset_t& signals, Duration timeout) {
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout);
  auto nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(timeout - seconds);
  timespec wait{static_cast<time_t>(seconds.count()), static_cast<long>(nanoseconds.count())};
  int signal = ::sigtimedwait(&signals, nullptr, &wait);
  return signal < 0 ? 0 : signal;
}

Result<std::unique_ptr<aws::HttpTransport>> imds_transport(const Environment& env) {
  auto options =
      aws::transport_options_from_env(env, std::nullopt, "spored/" + std::string(kVersion));
  if (!options)
    return std::unexpected(options.error());
  return aws::make_beast_transport(std::move(*options));
}

// Rounds until SIGTERM or SIGINT.
void loop(Agent& agent, const DaemonOptions& options, const sigset_t& signals, Clock& clock,
          AgentLog& log) {
  bool facts_known = false;
  auto next_config = clock.now();
  for (;;) {
    if (!facts_known)
      facts_known = agent.learn_facts();
    if (clock.now() >= next_config) {
      agent.refresh_config();
      agent.refresh_peers();
      next_config = clock.now() + options.config_interval;
    }
    agent.tick();
    int signal = wait_for_signal(signals, options.check_interval);
    if (signal == SIGHUP) {
      log.line("SIGHUP: reading the tags again");
      next_config = clock.now();
    } else if (signal == SIGTERM || signal == SIGINT) {
      log.line(fmt::format("signal {}: stopping", ::strsignal(signal)));
      return;
    }
  }
}

}  // namespace

int run_daemon(const DaemonOptions& options, const Environment& env, std::ostream& err) {
  SystemClock clock;
  auto paths = agent_paths(env);
  AgentLog log(paths.log_file, err, clock);
  const int pid = static_cast<int>(::getpid());
  log.line(fmt::format("spored {} starting (pid {})", kVersion, pid));
  auto signals = handled_signals();
  ::sigprocmask(SIG_BLOCK, &signals, nullptr);
  auto imds_config = aws::imds_config_from_env(env);
  auto transport = imds_transport(env);
  if (!imds_config || !transport) {
    log.line("cannot start: " +
             (imds_config ? transport.error().message : imds_config.error().message));
    return 1;
  }
  std::error_code ignored;
  std::filesystem::create_directories(paths.pid_file.parent_path(), ignored);
  if (auto written = write_file_atomic(paths.pid_file, fmt::format("{}\n", pid)); !written)
    log.line("cannot write the pid file (spored reload will not find me): " +
             written.error().message);
  aws::ImdsClient imds(**transport, clock, *imds_config);
  Agent agent(paths, options.agent, imds, env, log, clock);
  agent.start(pid);
  loop(agent, options, signals, clock, log);
  agent.stop();
  std::filesystem::remove(paths.pid_file, ignored);
  log.line("spored stopped");
  return 0;
}

}  // namespace spawn::spored
