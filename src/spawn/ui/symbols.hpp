// Status symbols (spec core §12.3): emoji normally, bracketed text forms for
// --no-emoji and --accessibility, which screen readers and plain terminals read well.
#pragma once

#include <string>
#include <string_view>

#include "platform/terminal.hpp"
#include "util/env.hpp"

namespace spawn::ui {

enum class Symbol {
  success,
  error,
  warning,
  info,
  pending,
  progress,
  complete,
  failed,
  skip,
  pause
};
enum class SymbolStyle { emoji, text };

// The display switches as given on the command line.
struct DisplayFlags {
  bool no_emoji = false;       // --no-emoji
  bool accessibility = false;  // --accessibility
};

// Accessibility mode: --accessibility or SPAWN_ACCESSIBILITY.
platform::Accessibility accessibility_mode(const DisplayFlags& flags, const Environment& env);

// Text symbols with --no-emoji or SPAWN_NO_EMOJI, and always in accessibility mode.
SymbolStyle symbol_style(const DisplayFlags& flags, const Environment& env);

// "✅" or "[✓]" for Symbol::success, and so on.
std::string_view symbol_text(Symbol symbol, SymbolStyle style);

// The symbol, a space, and the message: "[✓] Done".
std::string format_status(Symbol symbol, SymbolStyle style, std::string_view message);

}  // namespace spawn::ui
