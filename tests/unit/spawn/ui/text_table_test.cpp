// Aligned columns: widths in characters, colour codes outside the padding.
#include "spawn/ui/text_table.hpp"

#include <gtest/gtest.h>

namespace spawn::ui {
namespace {

TEST(TextTable, PadsEachColumnToItsWidestCellWithATwoSpaceGutter) {
  EXPECT_EQ(render_table({"A", "Long header"}, {{{"wide cell"}, {"x"}}, {{"b"}, {"y"}}},
                         platform::Colour::off),
            "A          Long header\n"
            "wide cell  x\n"
            "b          y\n");
}

TEST(TextTable, CountsCharactersNotBytes) {
  EXPECT_EQ(display_width("✓"), 1u);
  EXPECT_EQ(display_width("café"), 4u);
  EXPECT_EQ(render_table({"S", "N"}, {{{"✓"}, {"1"}}}, platform::Colour::off),
            "S  N\n"
            "✓  1\n");
}

TEST(TextTable, ColourWrapsTheTextNotThePadding) {
  EXPECT_EQ(render_table({"State", "X"}, {{{"on", Tint::green}, {"1"}}}, platform::Colour::on),
            "\x1b[1mState\x1b[0m  \x1b[1mX\x1b[0m\n"
            "\x1b[32mon\x1b[0m     1\n");
}

TEST(TextTable, ShortRowsLeaveColumnsEmpty) {
  EXPECT_EQ(render_table({"A", "B"}, {{{"a"}}}, platform::Colour::off), "A  B\na\n");
}

}  // namespace
}  // namespace spawn::ui
