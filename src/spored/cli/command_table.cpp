#include <array>

#include "spored/cli/commands.hpp"

namespace spawn::spored {

std::span<const Command> command_table() {
  static const std::array<Command, 5> kCommands{{
      {"run", "Run the agent (what the systemd unit starts)", setup_run},
      {"complete", "Signal that the workload is done", setup_complete},
      {"status", "Explain what keeps this instance alive and when each limit fires", setup_status},
      {"reload", "Make the running agent read its tags again now", setup_reload},
      {"version", "Print spored's version", setup_version},
  }};
  return kCommands;
}

}  // namespace spawn::spored
