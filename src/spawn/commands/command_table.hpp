// The one table of spawn's commands. `spawn --help`, parsing and dispatch all
// read it, so adding a command is one entry here and one file beside it.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <span>
#include <string_view>

#include "spawn/context.hpp"
#include "util/result.hpp"

namespace spawn::cli {

// What a command needs before it can run. Only Needs::aws commands get a Session, so
// the others never read credentials, AWS config files or the network.
enum class Needs { nothing, aws };

using Handler = std::function<Result<void>(Context&)>;

// Registers a command's own flags on its CLI11 subcommand and returns the handler bound
// to the values they will be parsed into.
using Setup = Handler (*)(CLI::App& command);

struct Command {
  std::string_view name;
  std::span<const std::string_view> aliases;
  std::string_view summary;  // a catalog msgid, shown through tr()
  Needs needs;
  Setup setup;
};

// Every command, in the order `spawn --help` lists them.
std::span<const Command> command_table();

// The command called `name_or_alias`, or nullptr.
const Command* find_command(std::string_view name_or_alias);

// One setup per file in commands/.
Handler setup_launch(CLI::App& command);
Handler setup_help(CLI::App& command);
Handler setup_version(CLI::App& command);
Handler setup_whoami(CLI::App& command);
Handler setup_list(CLI::App& command);
Handler setup_extend(CLI::App& command);
Handler setup_stop(CLI::App& command);
Handler setup_hibernate(CLI::App& command);
Handler setup_start(CLI::App& command);
Handler setup_terminate(CLI::App& command);
Handler setup_status(CLI::App& command);
Handler setup_connect(CLI::App& command);
Handler setup_localcloud(CLI::App& command);
Handler setup_agent(CLI::App& command);
Handler setup_cleanup(CLI::App& command);

}  // namespace spawn::cli
