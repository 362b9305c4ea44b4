// `spawn-localcloud shell <instance-id> [-- command...]`: an interactive shell, or one
// command, inside a running instance's sandbox, for `spawn connect` on local instances
// (which have no SSH server). It asks the server how the instance was booted and
// starts the same sandbox again with the command in place of the boot script.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace spawn::localcloud {

struct ShellFlags {
  std::string state_dir;
  std::string instance_id;
  std::vector<std::string> command;  // empty: an interactive bash
};

// Registers `shell` and its flags on `app`.
CLI::App* add_shell_command(CLI::App& app, ShellFlags& flags);

// Becomes the shell or the command, so its exit status is ours. Returns only on failure:
// 1 when no server runs or the instance is unknown or not running, 127 when the command
// cannot be started.
int run_shell(const ShellFlags& flags);

}  // namespace spawn::localcloud
