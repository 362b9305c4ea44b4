#include "util/time_format.hpp"

#include <gtest/gtest.h>

namespace spawn {
namespace {

using std::chrono::seconds;

// 2015-08-30T12:36:00Z, the SigV4 test suite's moment.
const SystemTime kSuiteTime = SystemTime(seconds(1440938160));

TEST(TimeFormat, FormatsSigV4AndIsoForms) {
  EXPECT_EQ(format_amz_date(kSuiteTime), "20150830T123600Z");
  EXPECT_EQ(format_iso8601(kSuiteTime), "2015-08-30T12:36:00Z");
}

TEST(TimeFormat, ParsesTheSpellingsAwsUses) {
  EXPECT_EQ(parse_iso8601("2015-08-30T12:36:00Z").value(), kSuiteTime);
  EXPECT_EQ(parse_iso8601("2015-08-30T12:36:00.000Z").value(), kSuiteTime);
  EXPECT_EQ(parse_iso8601("20150830T123600Z").value(), kSuiteTime);
  EXPECT_EQ(parse_iso8601("2015-08-30T14:36:00+02:00").value(), kSuiteTime);
  EXPECT_EQ(parse_iso8601("2015-08-30T12:36:00.5Z").value(),
            kSuiteTime + std::chrono::milliseconds(500));
  EXPECT_EQ(parse_epoch_seconds("1440938160").value(), kSuiteTime);
  EXPECT_EQ(parse_epoch_seconds("1440938160.25").value(),
            kSuiteTime + std::chrono::milliseconds(250));
  EXPECT_EQ(parse_http_date("Sun, 30 Aug 2015 12:36:00 GMT").value(), kSuiteTime);
}

TEST(TimeFormat, RejectsMalformedTimestamps) {
  for (const char* text :
       {"", "2015-08-30", "2015-13-30T12:36:00Z", "2015-02-30T12:36:00Z", "2015-08-30T12:36:00",
        "2015-08-30T12:36:00Zjunk", "2015-08-30 12:36:00Z", "2015-08-30T25:00:00Z"}) {
    auto parsed = parse_iso8601(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().kind, ErrorKind::parse);
  }
  EXPECT_FALSE(parse_iso8601("2300-01-01T00:00:00Z")) << "beyond what system_clock holds";
  EXPECT_FALSE(parse_iso8601("1000-01-01T00:00:00Z"));
  EXPECT_FALSE(parse_epoch_seconds("1e17"));
  EXPECT_FALSE(parse_epoch_seconds("12x"));
  EXPECT_FALSE(parse_epoch_seconds("nan"));
  EXPECT_FALSE(parse_http_date("Sun, 30 Foo 2015 12:36:00 GMT"));
}

}  // namespace
}  // namespace spawn
