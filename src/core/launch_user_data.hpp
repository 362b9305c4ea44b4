// The user-data of an instance `spawn launch` starts (spec §3.12): bash that cloud-init
// runs once as root. It installs spored first, so the instance's limits hold whatever
// happens next, then writes the login banner, runs the user's --user-data script and
// starts --command. It carries no key and no secret and creates no user: SSH reaches
// the image's default user through the EC2 key pair.
//
// User text reaches the script only as the body of a heredoc with a quoted delimiter
// that does not occur in the text, so the shell expands nothing in it: quotes, `$(...)`,
// backticks and the delimiter's own spelling all arrive on the instance as written.
#pragma once

#include <cstddef>
#include <string>

#include "core/agent_install.hpp"
#include "util/result.hpp"

namespace spawn {

// EC2's limit on user-data before base64.
inline constexpr std::size_t kMaxUserDataBytes = 16384;

// What the login banner tells; empty values are left out. Limits are shown as they were
// at launch (they may change later: the banner points at `sudo spored status` for now).
struct MotdFacts {
  std::string name;          // the Name tag; `spawn extend` accepts it in place of the id
  std::string ttl;           // "8h"
  std::string idle_timeout;  // "1h"
  std::string on_complete;   // "terminate"
};

struct UserDataInput {
  AgentDownload agent;
  std::string run_flags;  // after `spored run` in the agent's unit (tests run it faster)
  MotdFacts motd;
  std::string user_script;                // --user-data text; not run when empty
  std::string command;                    // --command; not run when empty
  std::string command_user = "ec2-user";  // the image's default user; root when it has none
};

// Where the script keeps its files on the instance. Tests render the user's part with a
// temporary folder in place of each.
struct InstanceLayout {
  std::string spawn_dir = "/var/lib/spawn";  // user-data (0700), command.sh, motd
  std::string log_dir = "/var/log";          // spawn-user-data.log, spawn-command.log
  std::string motd_file = "/etc/motd";
};

// Bash for the part after the agent is installed (input.agent and input.run_flags are not
// used): the banner (best effort: a read-only /etc/motd does not stop the work), the
// --user-data script run as root by its own #! line (bash without one) with its output in
// spawn-user-data.log and its failure logged, not fatal; then --command in the background
// under nohup, in a login shell of `command_user` (root when that user does not exist) with
// /usr/local/bin on PATH, output in spawn-command.log. A final newline is added to the
// user's texts when missing. ErrorKind::usage for text with a NUL byte, a cloud-config
// --user-data, or a `command_user` that is not a plain user name.
Result<std::string> user_work_script(const UserDataInput& input, const InstanceLayout& layout = {});

// The whole user-data: `#!/bin/bash`, `set -euo pipefail`, agent_install_script, then
// user_work_script. ErrorKind::usage as user_work_script does, and when the result is over
// kMaxUserDataBytes (saying how big it is and what to do instead).
Result<std::string> launch_user_data(const UserDataInput& input);

// Room kept for the agent's presigned URL when it is not known yet (with a session token in it,
// such a URL is about 1,500 characters).
inline constexpr std::size_t kAgentUrlAllowance = 2048;

// launch_user_data's checks for a launch that has no agent URL yet: the size is computed with a
// stand-in URL of kAgentUrlAllowance characters, so an oversized --user-data or --command is
// refused before the launch creates anything (the agent bucket included).
Result<void> check_user_data_fits(const UserDataInput& input);

}  // namespace spawn
