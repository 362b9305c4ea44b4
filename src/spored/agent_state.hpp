// The agent's state file (/var/lib/spored/state.json): written by the daemon after
// every step, read by the daemon when it starts again (so a restart or a reboot
// keeps the TTL anchor and the idle clock) and by `spored status`, which therefore
// shows the running daemon's view instead of building a fresh agent of its own.
#pragma once

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "spored/agent_config.hpp"
#include "spored/policy.hpp"
#include "util/result.hpp"

namespace spawn::spored {

struct AgentState {
  // Who
  std::string instance_id;
  std::string region;
  std::string account_id;
  bool spot = false;  // instance-life-cycle is "spot"
  // This run of the daemon
  int pid = 0;
  std::string boot_id;  // /proc/sys/kernel/random/boot_id when it was written
  SystemTime started_at{};
  SystemTime updated_at{};
  // What it enforces and what it has seen
  AgentConfig config;
  std::vector<ConfigProblem> problems;
  std::string config_source;  // "imds", "describe-tags", "state file (IMDS unreachable)"
  PolicyState policy;
  std::optional<Activity> last_activity;
  Decision last_decision;
  std::string last_action_error;  // the latest failed EC2 request, for status
  bool peers_written = false;     // job array: the peer file is complete

  bool operator==(const AgentState&) const = default;
};

nlohmann::json to_json(const AgentState& state);
// ErrorKind::parse, naming the member, when the document is not a state file.
Result<AgentState> agent_state_from_json(const nlohmann::json& document);

Result<AgentState> load_agent_state(const std::filesystem::path& path);
// Atomically (temporary file + rename), mode 0644: status runs as any user.
Result<void> save_agent_state(const std::filesystem::path& path, const AgentState& state);

}  // namespace spawn::spored
