// Columns of text aligned with spaces (a two-space gutter, no borders: easy to
// read, to grep and to paste), optionally tinted with ANSI colours. Widths are
// counted in characters, not bytes, and colour codes are added after padding so
// they never disturb the alignment.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "platform/terminal.hpp"

namespace spawn::ui {

enum class Tint { none, bold, green, yellow, cyan, red };

struct Cell {
  std::string text;
  Tint tint = Tint::none;
};

using Row = std::vector<Cell>;

// Characters (UTF-8 code points) in `text`: its width on a terminal for the scripts
// spawn prints (wide CJK characters count one; names are rarely in them).
std::size_t display_width(std::string_view text);

// The header (bold with colour) and the rows, each line ending in '\n', trailing spaces
// trimmed. Rows shorter than the header leave the last columns empty.
std::string render_table(const std::vector<std::string>& header, const std::vector<Row>& rows,
                         platform::Colour colour);

}  // namespace spawn::ui
