#include "spawn/ui/symbols.hpp"

#include <gtest/gtest.h>

namespace spawn::ui {
namespace {

MapEnvironment env_with(std::string name, std::string value) {
  MapEnvironment env;
  env.set(std::move(name), std::move(value));
  return env;
}

TEST(SymbolText, EmojiAndTextFormsFollowTheSpec) {
  struct Expected {
    Symbol symbol;
    std::string_view emoji;
    std::string_view text;
  };
  for (const auto& [symbol, emoji, text] : {
           Expected{Symbol::success, "✅", "[✓]"},
           Expected{Symbol::error, "❌", "[✗]"},
           Expected{Symbol::warning, "⚠️", "[!]"},
           Expected{Symbol::info, "ℹ️", "[i]"},
           Expected{Symbol::pending, "⏳", "[*]"},
           Expected{Symbol::progress, "⏳", "[*]"},
           Expected{Symbol::complete, "✅", "[✓]"},
           Expected{Symbol::failed, "❌", "[✗]"},
           Expected{Symbol::skip, "⏭️", "[-]"},
           Expected{Symbol::pause, "⏸️", "[=]"},
       }) {
    EXPECT_EQ(symbol_text(symbol, SymbolStyle::emoji), emoji);
    EXPECT_EQ(symbol_text(symbol, SymbolStyle::text), text);
  }
}

TEST(FormatStatus, PutsTheSymbolBeforeTheMessage) {
  EXPECT_EQ(format_status(Symbol::success, SymbolStyle::text, "Done"), "[✓] Done");
}

TEST(SymbolStyleChoice, EmojiByDefault) {
  EXPECT_EQ(symbol_style({}, MapEnvironment()), SymbolStyle::emoji);
}

TEST(SymbolStyleChoice, TextWithTheFlagsOrTheirVariables) {
  EXPECT_EQ(symbol_style({.no_emoji = true}, MapEnvironment()), SymbolStyle::text);
  EXPECT_EQ(symbol_style({.accessibility = true}, MapEnvironment()), SymbolStyle::text);
  EXPECT_EQ(symbol_style({}, env_with("SPAWN_NO_EMOJI", "1")), SymbolStyle::text);
  EXPECT_EQ(symbol_style({}, env_with("SPAWN_ACCESSIBILITY", "true")), SymbolStyle::text);
}

TEST(SymbolStyleChoice, SwitchVariablesSetToFalseAreOff) {
  for (std::string_view off : {"0", "false", "no", "OFF", ""}) {
    EXPECT_EQ(symbol_style({}, env_with("SPAWN_NO_EMOJI", std::string(off))), SymbolStyle::emoji)
        << off;
  }
}

TEST(AccessibilityMode, FromTheFlagOrTheVariable) {
  EXPECT_EQ(accessibility_mode({}, MapEnvironment()), platform::Accessibility::off);
  EXPECT_EQ(accessibility_mode({.accessibility = true}, MapEnvironment()),
            platform::Accessibility::on);
  EXPECT_EQ(accessibility_mode({}, env_with("SPAWN_ACCESSIBILITY", "1")),
            platform::Accessibility::on);
  EXPECT_EQ(accessibility_mode({.no_emoji = true}, MapEnvironment()), platform::Accessibility::off);
}

}  // namespace
}  // namespace spawn::ui
