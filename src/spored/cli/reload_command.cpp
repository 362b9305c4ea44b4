// `spored reload`: SIGHUP to the running daemon, which reads the tags at once
// (it also does every minute on its own). Waits until the daemon has written its
// state after the signal, and prints what is in force now.
#include <fmt/format.h>
#include <signal.h>

#include <ostream>
#include <thread>

#include "spored/agent_state.hpp"
#include "spored/cli/agent_process.hpp"
#include "spored/cli/commands.hpp"

namespace spawn::spored {

namespace {

constexpr auto kReloadWait = std::chrono::seconds{15};
constexpr auto kPollInterval = std::chrono::milliseconds{100};

std::optional<AgentState> state_written_after(const AgentPaths& paths, SystemTime signalled) {
  auto deadline = std::chrono::steady_clock::now() + kReloadWait;
  while (std::chrono::steady_clock::now() < deadline) {
    auto state = load_agent_state(paths.state_file);
    if (state && state->updated_at >= signalled)
      return std::move(*state);
    std::this_thread::sleep_for(kPollInterval);
  }
  return std::nullopt;
}

std::string limit_text(const std::optional<Milliseconds>& limit) {
  return limit ? format_duration(*limit) : std::string("off");
}

int reload(const Environment& env, Streams streams) {
  auto paths = agent_paths(env);
  auto pid = running_agent_pid(paths);
  if (!pid) {
    streams.err << "spored: the agent is not running (no live process in "
                << paths.pid_file.string() << "); start it with: sudo systemctl start spored\n";
    return 1;
  }
  // The daemon saves after every round with the round's start time (to the millisecond),
  // so a state written at or after this moment comes from a round that read the tags.
  auto signalled = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  if (::kill(*pid, SIGHUP) != 0) {
    streams.err << fmt::format("spored: cannot signal pid {} (run as root: sudo spored reload)\n",
                               *pid);
    return 1;
  }
  auto state = state_written_after(paths, signalled);
  if (!state) {
    streams.err << fmt::format("spored: signalled pid {}, but it has not answered within {}s\n",
                               *pid, kReloadWait.count());
    return 1;
  }
  streams.out << fmt::format("Configuration reloaded (pid {}): TTL {}, idle timeout {}\n", *pid,
                             limit_text(state->config.ttl), limit_text(state->config.idle_timeout));
  for (const auto& problem : state->problems)
    streams.out << fmt::format("  tag {}=\"{}\" refused: {}\n", problem.tag, problem.value,
                               problem.message);
  return 0;
}

}  // namespace

Action setup_reload(CLI::App& /*command*/) {
  return reload;
}

}  // namespace spawn::spored
