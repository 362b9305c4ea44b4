// The running daemon as other commands see it: through its pid file.
#pragma once

#include <optional>

#include "spored/agent_paths.hpp"

namespace spawn::spored {

// The daemon's pid when the pid file names a live process, else nullopt.
std::optional<int> running_agent_pid(const AgentPaths& paths);

}  // namespace spawn::spored
