// `spored status`: the running daemon's own view, read from its state file (the
// earlier agent built a fresh agent here, so uptime was always zero). Explains,
// condition by condition, what keeps the instance alive and when each limit fires.
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "spored/agent_state.hpp"
#include "spored/cli/agent_process.hpp"
#include "spored/cli/commands.hpp"
#include "util/time_format.hpp"

namespace spawn::spored {

namespace {

std::string when(SystemTime time) {
  return fmt::format("{:%Y-%m-%d %H:%M:%S} UTC", std::chrono::floor<std::chrono::seconds>(time));
}

std::string condition_name(Trigger trigger) {
  switch (trigger) {
    case Trigger::spot: return "spot";
    case Trigger::completion: return "completion";
    case Trigger::ttl: return "TTL";
    case Trigger::idle: return "idle";
  }
  return "?";
}

void print_agent(std::ostream& out, const AgentState& state, std::optional<int> pid) {
  out << fmt::format("spored on {} ({}, account {}{})\n",
                     state.instance_id.empty() ? "an unknown instance" : state.instance_id,
                     state.region.empty() ? "region unknown" : state.region,
                     state.account_id.empty() ? "unknown" : state.account_id,
                     state.spot ? ", spot" : "");
  if (pid) {
    out << fmt::format("Agent:     running (pid {}) since {}; last round {}\n", *pid,
                       when(state.started_at), when(state.updated_at));
  } else {
    out << fmt::format(
        "Agent:     NOT RUNNING (last round {}): nothing enforces the limits now; "
        "start it with: sudo systemctl start spored\n",
        when(state.updated_at));
  }
  out << fmt::format("Launched:  {} (the TTL counts from here)\n", when(state.policy.launch_time));
  out << fmt::format("Tags from: {}\n",
                     state.config_source.empty() ? "not read yet" : state.config_source);
}

void print_conditions(std::ostream& out, const AgentState& state) {
  out << "\nLimits, in priority order (spot, completion, TTL, idle):\n";
  for (const auto& condition : state.last_decision.conditions)
    out << fmt::format("  {:<11} {}\n", condition_name(condition.trigger), condition.summary);
  if (state.last_activity) {
    auto verdict = judge_idle(state.config.idle, *state.last_activity);
    out << fmt::format(
        "\nActivity over the last {}s: {} ({})\n",
        std::chrono::duration_cast<std::chrono::seconds>(state.last_activity->interval).count(),
        verdict.description, verdict.idle ? "idle" : "busy");
  }
}

void print_troubles(std::ostream& out, const AgentState& state) {
  if (!state.problems.empty()) {
    out << "\nTags refused:\n";
    for (const auto& problem : state.problems)
      out << fmt::format("  {}=\"{}\": {}\n", problem.tag, problem.value, problem.message);
  }
  if (!state.last_action_error.empty())
    out << "\nLast action failed: " << state.last_action_error << "\n";
}

struct StatusFlags {
  bool json = false;
};

int status(const StatusFlags& flags, const Environment& env, Streams streams) {
  auto paths = agent_paths(env);
  auto state = load_agent_state(paths.state_file);
  if (!state) {
    streams.err << fmt::format(
        "spored: no agent state in {} ({}): the agent has not run on this machine; start it "
        "with: sudo systemctl start spored\n",
        paths.state_file.string(), state.error().message);
    return 1;
  }
  auto pid = running_agent_pid(paths);
  if (flags.json) {
    auto document = to_json(*state);
    document["running"] = pid.has_value();
    streams.out << document.dump(2) << "\n";
  } else {
    print_agent(streams.out, *state, pid);
    print_conditions(streams.out, *state);
    print_troubles(streams.out, *state);
  }
  return pid ? 0 : 1;
}

}  // namespace

Action setup_status(CLI::App& command) {
  auto flags = std::make_shared<StatusFlags>();
  command.add_flag("--json", flags->json, "Print the agent's state as JSON");
  return [flags](const Environment& env, Streams streams) { return status(*flags, env, streams); };
}

}  // namespace spawn::spored
