// The one place an Error becomes what the user reads: a first line saying what
// happened and a second saying what to do next; with --debug, AWS's own details.
#pragma once

#include <string>
#include <string_view>

#include "platform/terminal.hpp"
#include "spawn/ui/symbols.hpp"
#include "util/result.hpp"

namespace spawn::ui {

enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

enum class Detail { normal, debug };

struct ErrorStyle {
  SymbolStyle symbols = SymbolStyle::emoji;
  platform::Colour colour = platform::Colour::off;
  Detail detail = Detail::normal;
};

// Two lines (three with Detail::debug and an AWS answer), each ending in '\n'. Secrets that
// may hide in a message (signatures, session tokens) are redacted.
std::string render_error(const Error& error, const ErrorStyle& style);

// kExitUsage for usage errors, kExitFailure for everything else.
int exit_code_for(const Error& error);

// `text` with the values after "Signature=", "X-Amz-Security-Token=" and similar markers
// replaced by "[redacted]".
std::string redact_secrets(std::string_view text);

}  // namespace spawn::ui
