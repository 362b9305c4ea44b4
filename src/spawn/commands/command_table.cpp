#include "spawn/commands/command_table.hpp"

#include <algorithm>
#include <array>

#include "spawn/ui/catalog.hpp"

namespace spawn::cli {

namespace {

using ui::N_;

constexpr std::array<Command, 3> kCommands = {{
    {"help", {}, N_("Show help for spawn or for one command"), Needs::nothing, setup_help},
    {"version", {}, N_("Print the version of spawn"), Needs::nothing, setup_version},
    {"whoami",
     {},
     N_("Show the AWS account, identity and region in use"),
     Needs::aws,
     setup_whoami},
}};

bool is_called(const Command& command, std::string_view name) {
  return command.name == name ||
         std::find(command.aliases.begin(), command.aliases.end(), name) != command.aliases.end();
}

}  // namespace

std::span<const Command> command_table() {
  return kCommands;
}

const Command* find_command(std::string_view name_or_alias) {
  auto found = std::find_if(kCommands.begin(), kCommands.end(), [&](const Command& command) {
    return is_called(command, name_or_alias);
  });
  return found == kCommands.end() ? nullptr : &*found;
}

}  // namespace spawn::cli
