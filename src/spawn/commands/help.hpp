// Help screens, rendered from the command table and each command's CLI11 flags so
// that every word goes through the message catalog.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>

namespace spawn::cli {

// `spawn --help`: usage, the commands with their summaries, and the global flags.
void print_overview(std::ostream& out, const CLI::App& root);

// `spawn help <command>` and `spawn <command> --help`: usage, summary, aliases, flags.
void print_command_help(std::ostream& out, const CLI::App& command);

}  // namespace spawn::cli
