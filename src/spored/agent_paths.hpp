// Where the agent keeps things on the instance. Every path can be moved under one
// folder (SPORED_ROOT in the environment) so that tests, and agents in containers,
// never touch the machine's own /run, /var and /tmp.
#pragma once

#include <filesystem>

#include "util/env.hpp"

namespace spawn::spored {

struct AgentPaths {
  std::filesystem::path state_file;        // /var/lib/spored/state.json
  std::filesystem::path pid_file;          // /run/spored.pid: `spored reload` signals it
  std::filesystem::path log_file;          // /var/log/spored.log
  std::filesystem::path warning_file;      // /tmp/SPAWN_WARNING: the latest warning
  std::filesystem::path spot_notice_file;  // /tmp/spawn-spot-interruption.json
  std::filesystem::path peers_file;        // /etc/spawn/job-array-peers.json
  std::filesystem::path boot_id_file;      // /proc/sys/kernel/random/boot_id
  std::filesystem::path root;              // "/" or SPORED_ROOT; the completion file is under it
};

// The paths under SPORED_ROOT when it is set, else under "/".
AgentPaths agent_paths(const Environment& env);

// `absolute` (an instance path such as a completion file from a tag) seen under paths.root.
std::filesystem::path under_root(const AgentPaths& paths, const std::filesystem::path& absolute);

}  // namespace spawn::spored
