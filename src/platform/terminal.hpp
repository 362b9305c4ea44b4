// What spawn needs to know about the terminal it writes to: is a stream a
// terminal, how wide is it, and may it be coloured. Probing is platform code
// (terminal_posix.cpp; a Windows port replaces that one file); the colour rules
// below are the same everywhere.
#pragma once

#include <optional>

#include "util/env.hpp"

namespace spawn::platform {

enum class Stream { in, out, err };
enum class IsTerminal { yes, no };
enum class Accessibility { on, off };
enum class Colour { on, off };

// Whether `stream` (stdin, stdout or stderr) is attached to a terminal.
IsTerminal is_terminal(Stream stream);

// The terminal's width in columns, or nullopt when `stream` is not a terminal or the width
// is unknown.
std::optional<int> terminal_width(Stream stream);

// The colour rules: never when NO_COLOR is set (to anything but ""), when TERM is "dumb",
// in accessibility mode, or when the output is not a terminal.
inline Colour choose_colour(const Environment& env, IsTerminal terminal,
                            Accessibility accessibility) {
  if (terminal == IsTerminal::no || accessibility == Accessibility::on)
    return Colour::off;
  if (env.get_nonempty("NO_COLOR"))
    return Colour::off;
  if (env.get("TERM") == "dumb")
    return Colour::off;
  return Colour::on;
}

// The colour decision for one of our own streams.
inline Colour colour_for(Stream stream, const Environment& env, Accessibility accessibility) {
  return choose_colour(env, is_terminal(stream), accessibility);
}

}  // namespace spawn::platform
