#include "spawn/ui/text_table.hpp"

#include <algorithm>

namespace spawn::ui {

namespace {

constexpr std::string_view kGutter = "  ";
constexpr std::string_view kReset = "\x1b[0m";

std::string_view escape_for(Tint tint) {
  switch (tint) {
    case Tint::none: return "";
    case Tint::bold: return "\x1b[1m";
    case Tint::green: return "\x1b[32m";
    case Tint::yellow: return "\x1b[33m";
    case Tint::cyan: return "\x1b[36m";
    case Tint::red: return "\x1b[31m";
  }
  return "";
}

std::vector<std::size_t> column_widths(const std::vector<std::string>& header,
                                       const std::vector<Row>& rows) {
  std::vector<std::size_t> widths;
  widths.reserve(header.size());
  for (const auto& title : header)
    widths.push_back(display_width(title));
  for (const auto& row : rows) {
    for (std::size_t column = 0; column < std::min(row.size(), widths.size()); ++column)
      widths[column] = std::max(widths[column], display_width(row[column].text));
  }
  return widths;
}

std::string render_line(const Row& row, const std::vector<std::size_t>& widths,
                        platform::Colour colour) {
  std::string line;
  for (std::size_t column = 0; column < widths.size(); ++column) {
    Cell cell = column < row.size() ? row[column] : Cell{};
    if (column > 0)
      line += kGutter;
    bool tinted = colour == platform::Colour::on && cell.tint != Tint::none;
    if (tinted)
      line += escape_for(cell.tint);
    line += cell.text;
    if (tinted)
      line += kReset;
    if (column + 1 < widths.size())
      line.append(widths[column] - display_width(cell.text), ' ');
  }
  while (line.ends_with(' '))
    line.pop_back();
  return line + '\n';
}

}  // namespace

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // not a continuation byte
  }));
}

std::string render_table(const std::vector<std::string>& header, const std::vector<Row>& rows,
                         platform::Colour colour) {
  auto widths = column_widths(header, rows);
  Row title;
  for (const auto& text : header)
    title.push_back({text, Tint::bold});
  std::string text = render_line(title, widths, colour);
  for (const auto& row : rows)
    text += render_line(row, widths, colour);
  return text;
}

}  // namespace spawn::ui
