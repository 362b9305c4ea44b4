// The pre-stop hook (spawn:pre-stop-hook): a program of the user's that saves a
// checkpoint before the instance goes. The agent runs as root and anyone who can
// tag the instance (including any process on it, through the instance role) can
// name a path, so the hook must be a file only root can change: owned by root
// (or by the agent's own user when it does not run as root), not writable by
// group or others, in a folder with the same property. It runs without a shell,
// with the trigger, action and reason as arguments, and is killed at its time limit.
#pragma once

#include <filesystem>
#include <string>

#include "spored/agent_config.hpp"
#include "util/result.hpp"

namespace spawn::spored {

struct HookRun {
  int exit_code = 0;
  std::string output;  // the last lines of stdout and stderr, for the log
};

// ErrorKind::usage when the path is refused (with the reason), timeout when it ran too
// long, not_found when it does not exist.
Result<HookRun> run_pre_stop_hook(const std::filesystem::path& hook, Milliseconds time_limit,
                                  const std::string& trigger, StopAction action,
                                  const std::string& reason);

// Why `hook` may not be run, or empty when it may.
std::string hook_refusal(const std::filesystem::path& hook);

}  // namespace spawn::spored
