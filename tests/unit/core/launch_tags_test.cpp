#include "core/launch_tags.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/version.hpp"

namespace spawn {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using ::testing::HasSubstr;

LaunchTagInput minimal_launch() {
  LaunchTagInput input;
  input.account_id = "942542972736";
  input.caller_arn = "arn:aws:iam::942542972736:user/ada";
  return input;
}

std::vector<Tag> tags_of(const LaunchTagInput& input) {
  auto tags = launch_tags(input);
  EXPECT_TRUE(tags.has_value()) << tags.error().message;
  return tags.value_or(std::vector<Tag>{});
}

std::optional<std::string> value_of(const std::vector<Tag>& tags, std::string_view key) {
  for (const auto& tag : tags) {
    if (tag.key == key)
      return tag.value;
  }
  return std::nullopt;
}

TEST(AccountBase36, MatchesTheSpecExamples) {
  EXPECT_EQ(account_base36("942542972736"), "c0zxr0ao");
  EXPECT_EQ(account_base36("123456789012"), "1kpqzg2c");
  EXPECT_EQ(account_base36("000000000000"), "0");
}

TEST(AccountBase36, OnlyTwelveDigitsAreAnAccountId) {
  for (std::string_view id :
       {"", "12345678901", "1234567890123", "12345678901a", " 12345678901", "-12345678901"}) {
    auto base36 = account_base36(id);
    ASSERT_FALSE(base36.has_value()) << id;
    EXPECT_EQ(base36.error().kind, ErrorKind::usage);
    EXPECT_THAT(base36.error().message, HasSubstr("12 digits"));
  }
}

TEST(LaunchTags, AMinimalLaunchWritesTheAlwaysTags) {
  std::vector<Tag> expected{
      {"spawn:managed", "true"},
      {"spawn:root", "true"},
      {"spawn:created-by", "spawn"},
      {"spawn:version", std::string(kVersion)},
      {"spawn:account-id", "942542972736"},
      {"spawn:account-base36", "c0zxr0ao"},
      {"spawn:iam-user", "arn:aws:iam::942542972736:user/ada"},
  };
  EXPECT_EQ(tags_of(minimal_launch()), expected);
}

TEST(LaunchTags, WritesEverySettingGiven) {
  auto input = minimal_launch();
  input.name = "train-1";
  input.ttl = hours(26) + minutes(30);
  input.idle_timeout = hours(1);
  input.idle_cpu_percent = 2.5;
  input.hibernate_on_idle = true;
  input.on_complete = "terminate";
  input.completion_file = "/tmp/SPAWN_COMPLETE";
  input.completion_delay = seconds(30);
  input.session_timeout = minutes(30);
  input.command = "python train.py";
  auto tags = tags_of(input);
  EXPECT_EQ(value_of(tags, "Name"), "train-1");
  EXPECT_EQ(value_of(tags, "spawn:ttl"), "1d2h30m");
  EXPECT_EQ(value_of(tags, "spawn:idle-timeout"), "1h");
  EXPECT_EQ(value_of(tags, "spawn:idle-cpu"), "2.5");
  EXPECT_EQ(value_of(tags, "spawn:hibernate-on-idle"), "true");
  EXPECT_EQ(value_of(tags, "spawn:on-complete"), "terminate");
  EXPECT_EQ(value_of(tags, "spawn:completion-file"), "/tmp/SPAWN_COMPLETE");
  EXPECT_EQ(value_of(tags, "spawn:completion-delay"), "30s");
  EXPECT_EQ(value_of(tags, "spawn:session-timeout"), "30m");
  EXPECT_EQ(value_of(tags, "spawn:command"), "python train.py");
  EXPECT_EQ(tags.size(), 17u);
}

TEST(LaunchTags, WholePercentagesHaveNoFraction) {
  auto input = minimal_launch();
  input.idle_cpu_percent = 5;
  EXPECT_EQ(value_of(tags_of(input), "spawn:idle-cpu"), "5");
}

TEST(LaunchTags, AZeroSessionTimeoutIsWrittenToTurnAutoLogoutOff) {
  auto input = minimal_launch();
  input.session_timeout = Milliseconds(0);
  EXPECT_EQ(value_of(tags_of(input), "spawn:session-timeout"), "0s");
}

TEST(LaunchTags, UnsetSettingsWriteNoTag) {
  auto tags = tags_of(minimal_launch());
  for (std::string_view key :
       {"Name", "spawn:ttl", "spawn:idle-timeout", "spawn:idle-cpu", "spawn:hibernate-on-idle",
        "spawn:on-complete", "spawn:command", "spawn:job-array-id"})
    EXPECT_EQ(value_of(tags, key), std::nullopt) << key;
}

TEST(LaunchTags, JobArrayMembersKnowTheirPlace) {
  auto input = minimal_launch();
  input.job_array = JobArrayMember{"sim-20260301-a1b2c3", "sim", 4, 2,
                                   SystemTime(std::chrono::seconds(1'772'323'200))};
  auto tags = tags_of(input);
  EXPECT_EQ(value_of(tags, "spawn:job-array-id"), "sim-20260301-a1b2c3");
  EXPECT_EQ(value_of(tags, "spawn:job-array-name"), "sim");
  EXPECT_EQ(value_of(tags, "spawn:job-array-size"), "4");
  EXPECT_EQ(value_of(tags, "spawn:job-array-index"), "2");
  EXPECT_EQ(value_of(tags, "spawn:job-array-created"), "2026-03-01T00:00:00Z");
}

TEST(LaunchTags, ABadAccountIdIsAnError) {
  auto input = minimal_launch();
  input.account_id = "94254297273";
  auto tags = launch_tags(input);
  ASSERT_FALSE(tags.has_value());
  EXPECT_EQ(tags.error().kind, ErrorKind::usage);
}

TEST(LaunchTags, ValuesAwsWouldRefuseAreErrorsNamingTheTag) {
  auto input = minimal_launch();
  input.command = std::string(300, 'x');
  auto tags = launch_tags(input);
  ASSERT_FALSE(tags.has_value());
  EXPECT_THAT(tags.error().message, HasSubstr("spawn:command is 300 characters"));

  input = minimal_launch();
  input.name = std::string(257, 'n');
  tags = launch_tags(input);
  ASSERT_FALSE(tags.has_value());
  EXPECT_THAT(tags.error().message, HasSubstr("tag Name"));
}

}  // namespace
}  // namespace spawn
