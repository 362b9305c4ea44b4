#include "spored/cli/agent_process.hpp"

#include <signal.h>

#include <cerrno>
#include <charconv>

#include "util/file.hpp"
#include "util/strings.hpp"

namespace spawn::spored {

std::optional<int> running_agent_pid(const AgentPaths& paths) {
  auto text = read_file(paths.pid_file);
  if (!text)
    return std::nullopt;
  auto digits = trim(*text);
  int pid = 0;
  if (std::from_chars(digits.data(), digits.data() + digits.size(), pid).ec != std::errc{} ||
      pid <= 1)
    return std::nullopt;
  // EPERM: alive, but not ours to signal (status run by a plain user).
  if (::kill(pid, 0) != 0 && errno != EPERM)
    return std::nullopt;
  return pid;
}

}  // namespace spawn::spored
