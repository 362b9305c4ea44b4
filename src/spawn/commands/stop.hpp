// `spawn stop` and `spawn hibernate` differ only in how EC2 stops the instance,
// so hibernate.cpp sets up the same command with another kind.
#pragma once

#include <CLI/CLI.hpp>

#include "spawn/commands/command_table.hpp"
#include "spawn/ops/instance_power.hpp"

namespace spawn::cli {

// The flags and handler of `spawn stop` (StopKind::stop) or `spawn hibernate`.
Handler setup_stopping(CLI::App& command, ops::StopKind kind);

}  // namespace spawn::cli
