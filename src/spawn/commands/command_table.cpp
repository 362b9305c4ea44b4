#include "spawn/commands/command_table.hpp"

#include <algorithm>
#include <array>

#include "spawn/ui/catalog.hpp"

namespace spawn::cli {

namespace {

using ui::N_;

constexpr std::array<std::string_view, 2> kLaunchAliases = {"run", "create"};
constexpr std::array<std::string_view, 1> kConnectAliases = {"ssh"};
constexpr std::array<std::string_view, 1> kListAliases = {"ls"};
constexpr std::array<std::string_view, 1> kHibernateAliases = {"sleep"};

constexpr auto kCommands = std::to_array<Command>({
    {"launch", kLaunchAliases, N_("Launch an instance that cleans up after itself"), Needs::aws,
     setup_launch},
    {"help", {}, N_("Show help for spawn or for one command"), Needs::nothing, setup_help},
    {"version", {}, N_("Print the version of spawn"), Needs::nothing, setup_version},
    {"whoami",
     {},
     N_("Show the AWS account, identity and region in use"),
     Needs::aws,
     setup_whoami},
    {"list", kListAliases, N_("List the instances spawn launched, in every region"), Needs::aws,
     setup_list},
    {"extend", {}, N_("Give an instance more time before its TTL ends"), Needs::aws, setup_extend},
    {"stop",
     {},
     N_("Stop an instance; its TTL pauses until it starts again"),
     Needs::aws,
     setup_stop},
    {"hibernate", kHibernateAliases, N_("Hibernate an instance (memory kept); its TTL pauses"),
     Needs::aws, setup_hibernate},
    {"start", {}, N_("Start a stopped or hibernated instance"), Needs::aws, setup_start},
    {"terminate", {}, N_("Terminate instances spawn launched"), Needs::aws, setup_terminate},
    {"status",
     {},
     N_("Show an instance's limits, deadline and agent status"),
     Needs::aws,
     setup_status},
    {"connect", kConnectAliases,
     N_("Open a shell on an instance (SSH, Session Manager, or the local sandbox)"), Needs::aws,
     setup_connect},
    {"localcloud",
     {},
     N_("Status, stop or reset of the local cloud that --local uses"),
     Needs::nothing,
     setup_localcloud},
    {"agent", {}, N_("Publish spored to this account's agent bucket"), Needs::aws, setup_agent},
    {"cleanup",
     {},
     N_("Delete what spawn left behind that no instance uses"),
     Needs::aws,
     setup_cleanup},
});

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
