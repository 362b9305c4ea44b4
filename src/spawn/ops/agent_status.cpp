#include "spawn/ops/agent_status.hpp"

#include <fmt/format.h>

#include "platform/process.hpp"
#include "util/strings.hpp"

namespace spawn::ops {

namespace {

// spored status prints a screenful; anything much longer is not it.
constexpr std::size_t kMaxAgentOutputBytes = std::size_t{64} * 1024;

std::string combined_output(const platform::ProcessResult& result) {
  std::string text = result.output;
  if (!result.error_output.empty() && !text.empty() && !text.ends_with('\n'))
    text += '\n';
  return text + result.error_output;
}

}  // namespace

const std::vector<std::string>& agent_status_command() {
  static const std::vector<std::string> command{"/usr/local/bin/spored", "status"};
  return command;
}

AgentStatusAccess ssh_agent_access(const SshLogin& login) {
  const auto& remote = agent_status_command();
  std::vector<std::string> argv = ssh_command(login, remote);
  argv.resize(argv.size() - remote.size());
  return {std::move(argv)};
}

Result<std::string> remote_agent_status(const ManagedInstance& instance,
                                        const AgentStatusAccess& access) {
  if (instance.state() != instance_state::running)
    return fail(ErrorKind::conflict, fmt::format("{} is {}; spored runs only while it is running",
                                                 instance.id(), instance.state()));
  if (access.command_prefix.empty())
    return fail(ErrorKind::usage, "no way to reach the instance was given");
  std::vector<std::string> argv = access.command_prefix;
  const auto& remote = agent_status_command();
  argv.insert(argv.end(), remote.begin(), remote.end());
  auto ran = platform::run_process(
      argv, {.timeout = access.timeout, .max_output_bytes = kMaxAgentOutputBytes});
  if (!ran)
    return std::unexpected(ran.error());
  std::string output = combined_output(*ran);
  if (ran->exit_code != 0)
    return fail(ErrorKind::io, fmt::format("`{}` exited with {}: {}", join(remote, " "),
                                           ran->exit_code, trim(output)));
  return output;
}

}  // namespace spawn::ops
