#include "core/duration.hpp"

#include <gtest/gtest.h>

namespace spawn {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

Milliseconds parsed(std::string_view text, ZeroDuration zero = ZeroDuration::refused) {
  auto value = parse_duration(text, zero);
  EXPECT_TRUE(value.has_value()) << text;
  return value.value_or(Milliseconds(-1));
}

TEST(Duration, ComponentsInAnyOrderAddUp) {
  EXPECT_EQ(parsed("2h"), hours(2));
  EXPECT_EQ(parsed("30m2h"), hours(2) + minutes(30));
  EXPECT_EQ(parsed("1h1h"), hours(2));
  EXPECT_EQ(parsed("0s30m"), minutes(30));
}

TEST(Duration, DaysAreUnderstood) {
  EXPECT_EQ(parsed("1d"), hours(24));
  EXPECT_EQ(parsed("1d2h30m"), hours(26) + minutes(30));
}

TEST(Duration, DecimalsAndMillisecondsAsGoReadsThem) {
  EXPECT_EQ(parsed("1.5h"), minutes(90));
  EXPECT_EQ(parsed("500ms"), Milliseconds(500));
  EXPECT_EQ(parsed("1m500ms"), Milliseconds(60'500));
}

TEST(Duration, RejectsEverythingElse) {
  for (std::string_view text : {"", "30", "1w", "1y", "1M", "2H", "2 h", "2h 30m", "-1h", "+2h",
                                "h2", "2h,30m", " 2h", "2h ", "2hrs", "2hours", "1.h", ".5h"}) {
    auto value = parse_duration(text);
    ASSERT_FALSE(value.has_value()) << "'" << text << "' was accepted";
    EXPECT_EQ(value.error().kind, ErrorKind::usage);
    EXPECT_NE(value.error().message.find("<number><unit>"), std::string::npos);
  }
}

TEST(Duration, ZeroIsRefusedUnlessAllowed) {
  for (std::string_view text : {"0s", "0d0h0m0s"}) {
    auto value = parse_duration(text);
    ASSERT_FALSE(value.has_value());
    EXPECT_NE(value.error().message.find("greater than 0"), std::string::npos);
  }
  EXPECT_EQ(parsed("0s", ZeroDuration::allowed), Milliseconds(0));
}

TEST(Duration, AbsurdlyLongIsAnError) {
  EXPECT_FALSE(parse_duration("99999999999d").has_value());
}

TEST(Duration, FormatsCompactlyAndReadsBack) {
  EXPECT_EQ(format_duration(hours(26) + minutes(30)), "1d2h30m");
  EXPECT_EQ(format_duration(seconds(45)), "45s");
  EXPECT_EQ(format_duration(Milliseconds(500)), "500ms");
  EXPECT_EQ(format_duration(Milliseconds(0)), "0s");
  EXPECT_EQ(format_duration(hours(-2)), "-2h");
  for (std::string_view text : {"1d2h30m", "8h", "1m30s", "1h1ms", "3650d"})
    EXPECT_EQ(format_duration(parsed(text)), text);
}

TEST(Duration, FormattingCutsOffBelowAMillisecond) {
  EXPECT_EQ(format_duration(std::chrono::microseconds(1999)), "1ms");
  EXPECT_EQ(format_duration(std::chrono::nanoseconds(999'999)), "0s");
  EXPECT_EQ(format_duration(std::chrono::nanoseconds(-999'999)), "0s");
  EXPECT_EQ(format_duration(seconds(61) + std::chrono::microseconds(400)), "1m1s");
}

TEST(Duration, BriefFormKeepsTwoUnitsAndCutsOff) {
  EXPECT_EQ(format_duration_brief(seconds(0)), "0s");
  EXPECT_EQ(format_duration_brief(seconds(59)), "59s");
  EXPECT_EQ(format_duration_brief(seconds(61)), "1m");
  EXPECT_EQ(format_duration_brief(minutes(59) + seconds(59)), "59m");
  EXPECT_EQ(format_duration_brief(hours(2)), "2h");
  EXPECT_EQ(format_duration_brief(hours(2) + minutes(30) + seconds(59)), "2h30m");
  EXPECT_EQ(format_duration_brief(hours(25)), "1d1h");
  EXPECT_EQ(format_duration_brief(hours(24) + minutes(59)), "1d");
  EXPECT_EQ(format_duration_brief(hours(24 * 5 + 6)), "5d6h");
  EXPECT_EQ(format_duration_brief(-minutes(90)), "-1h30m");
  EXPECT_EQ(format_duration_brief(std::chrono::milliseconds(999)), "0s");
}

}  // namespace
}  // namespace spawn
