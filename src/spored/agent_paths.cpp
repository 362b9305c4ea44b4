#include "spored/agent_paths.hpp"

namespace spawn::spored {

AgentPaths agent_paths(const Environment& env) {
  std::filesystem::path root = env.get_nonempty("SPORED_ROOT").value_or("/");
  auto at = [&root](std::string_view absolute) { return root / absolute.substr(1); };
  return AgentPaths{
      .state_file = at("/var/lib/spored/state.json"),
      .pid_file = at("/run/spored.pid"),
      .log_file = at("/var/log/spored.log"),
      .warning_file = at("/tmp/SPAWN_WARNING"),
      .spot_notice_file = at("/tmp/spawn-spot-interruption.json"),
      .peers_file = at("/etc/spawn/job-array-peers.json"),
      .boot_id_file = at("/proc/sys/kernel/random/boot_id"),
      .root = root,
  };
}

std::filesystem::path under_root(const AgentPaths& paths, const std::filesystem::path& absolute) {
  return paths.root / absolute.relative_path();
}

}  // namespace spawn::spored
