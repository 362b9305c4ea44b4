#include "util/strings.hpp"

#include <gtest/gtest.h>

namespace spawn {
namespace {

TEST(Strings, TrimRemovesSurroundingWhitespaceOnly) {
  EXPECT_EQ(trim("  a b \t\n"), "a b");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" \t "), "");
}

TEST(Strings, SplitKeepsEmptyFields) {
  EXPECT_EQ(split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(split("", ','), (std::vector<std::string>{""}));
  EXPECT_EQ(split("a,", ','), (std::vector<std::string>{"a", ""}));
}

TEST(Strings, JoinIsTheInverseOfSplit) {
  EXPECT_EQ(join(split("x:y::z", ':'), ":"), "x:y::z");
  EXPECT_EQ(join({}, ", "), "");
}

TEST(Strings, ShellQuoteMakesOneWordNothingExpands) {
  EXPECT_EQ(shell_quote("plain"), "'plain'");
  EXPECT_EQ(shell_quote(""), "''");
  EXPECT_EQ(shell_quote("it's $HOME `id` \\n"), "'it'\\''s $HOME `id` \\n'");
}

TEST(Strings, CaseHelpers) {
  EXPECT_EQ(to_lower("X-Amz-Date"), "x-amz-date");
  EXPECT_TRUE(iequals("Content-Type", "content-type"));
  EXPECT_FALSE(iequals("Content-Type", "content-typ"));
}

}  // namespace
}  // namespace spawn
