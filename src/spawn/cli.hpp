// spawn's command line: global flags, then one command from the command table.
#pragma once

#include <string>
#include <vector>

#include "platform/terminal.hpp"
#include "spawn/context.hpp"
#include "util/env.hpp"

namespace spawn::cli {

// Which streams are terminals (Terminals, context.hpp): colour in error messages, live
// progress, prompts.
using Terminal = Terminals;

// The language for messages: --lang from `args` (read ahead of parsing, so that help is
// translated too), else the environment's (ui::detect_language).
std::string message_language(const std::vector<std::string>& args, const Environment& env);

// Runs spawn with `args` (the program name left out) and returns the exit code:
// 0 success, 1 failure, 2 usage error. Results go to streams.out, diagnostics to streams.err.
// Speaks the language installed with ui::use_language() beforehand.
int run(std::vector<std::string> args, const Environment& env, Streams streams,
        Terminal terminal = {});

}  // namespace spawn::cli
