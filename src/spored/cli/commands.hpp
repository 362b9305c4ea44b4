// The table of spored's commands. Each command's setup registers its flags on its
// CLI11 subcommand and returns the action bound to their values.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <span>
#include <string_view>

#include "spored/cli/cli.hpp"
#include "util/env.hpp"

namespace spawn::spored {

// What a command runs once its flags are parsed; returns the exit code.
using Action = std::function<int(const Environment& env, Streams streams)>;
using Setup = Action (*)(CLI::App& command);

struct Command {
  std::string_view name;
  std::string_view summary;
  Setup setup;
};

std::span<const Command> command_table();

// One setup per file in cli/.
Action setup_run(CLI::App& command);
Action setup_complete(CLI::App& command);
Action setup_status(CLI::App& command);
Action setup_reload(CLI::App& command);
Action setup_version(CLI::App& command);

}  // namespace spawn::spored
