// spored's own view of an instance (`spored status` run on it): what `spawn
// status` adds to what the tags say. How the command reaches the instance is
// the caller's choice, given as an argv prefix the status command is appended
// to: ssh for EC2 (ssh_agent_access), something else for a local sandbox.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "spawn/ops/managed_instance.hpp"
#include "spawn/ops/ssh_login.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// spored status answers at once; the rest is ssh connecting (ConnectTimeout=10).
inline constexpr std::chrono::seconds kAgentStatusTimeout{20};

// How to run a command on the instance: `command_prefix` + the command's words.
struct AgentStatusAccess {
  std::vector<std::string> command_prefix;  // {"ssh", ..., "ec2-user@203.0.113.7"}
  std::chrono::milliseconds timeout = kAgentStatusTimeout;
};

// The words run on the instance: /usr/local/bin/spored status (it reads the agent's
// state file, which anyone may read, so no sudo).
const std::vector<std::string>& agent_status_command();

// The access through the system ssh with `login` (ssh_command places the remote words last).
AgentStatusAccess ssh_agent_access(const SshLogin& login);

// What `spored status` printed (stdout and stderr). ErrorKind::conflict when the instance is
// not running (spored runs only then), ErrorKind::usage for an empty prefix,
// ErrorKind::timeout past access.timeout, ErrorKind::io when the command fails (the
// message carries its output).
Result<std::string> remote_agent_status(const ManagedInstance& instance,
                                        const AgentStatusAccess& access);

}  // namespace spawn::ops
