#include "spawn/ui/symbols.hpp"

#include <array>

#include "util/strings.hpp"

namespace spawn::ui {

namespace {

struct SymbolForms {
  std::string_view emoji;
  std::string_view text;
};

// Indexed by Symbol.
constexpr std::array<SymbolForms, 10> kForms = {{
    {"✅", "[✓]"},       // success
    {"❌", "[✗]"},       // error
    {"⚠️", "[!]"},  // warning
    {"ℹ️", "[i]"},  // info
    {"⏳", "[*]"},       // pending
    {"⏳", "[*]"},       // progress
    {"✅", "[✓]"},       // complete
    {"❌", "[✗]"},       // failed
    {"⏭️", "[-]"},  // skip
    {"⏸️", "[=]"},  // pause
}};

// A switch variable counts as on when set to anything but "", "0", "false", "no" or "off".
bool switched_on(const Environment& env, std::string_view variable) {
  auto value = env.get_nonempty(variable);
  if (!value)
    return false;
  std::string lowered = to_lower(trim(*value));
  return lowered != "0" && lowered != "false" && lowered != "no" && lowered != "off";
}

}  // namespace

platform::Accessibility accessibility_mode(const DisplayFlags& flags, const Environment& env) {
  bool on = flags.accessibility || switched_on(env, "SPAWN_ACCESSIBILITY");
  return on ? platform::Accessibility::on : platform::Accessibility::off;
}

SymbolStyle symbol_style(const DisplayFlags& flags, const Environment& env) {
  bool text = flags.no_emoji || switched_on(env, "SPAWN_NO_EMOJI") ||
              accessibility_mode(flags, env) == platform::Accessibility::on;
  return text ? SymbolStyle::text : SymbolStyle::emoji;
}

std::string_view symbol_text(Symbol symbol, SymbolStyle style) {
  const SymbolForms& forms = kForms[static_cast<std::size_t>(symbol)];
  return style == SymbolStyle::emoji ? forms.emoji : forms.text;
}

std::string format_status(Symbol symbol, SymbolStyle style, std::string_view message) {
  std::string line(symbol_text(symbol, style));
  line += ' ';
  line += message;
  return line;
}

}  // namespace spawn::ui
