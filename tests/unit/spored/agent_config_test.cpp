#include "spored/agent_config.hpp"

#include <gtest/gtest.h>

namespace spawn::spored {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

ParsedConfig read(const Tags& tags, const std::optional<AgentConfig>& previous = std::nullopt) {
  return config_from_tags(tags, previous);
}

// The one problem reported for `tag`; fails the test when there is not exactly one problem.
ConfigProblem only_problem(const ParsedConfig& parsed, std::string_view tag) {
  EXPECT_EQ(parsed.problems.size(), 1u);
  if (parsed.problems.empty())
    return {};
  EXPECT_EQ(parsed.problems.front().tag, tag);
  return parsed.problems.front();
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(AgentConfig, EveryKnownTagIsRead) {
  auto parsed = read({{"spawn:managed", "true"},
                      {"spawn:ttl", "8h"},
                      {"spawn:idle-timeout", "30m"},
                      {"spawn:idle-cpu", "2.5"},
                      {"spawn:idle-network", "20000"},
                      {"spawn:idle-disk", "0"},
                      {"spawn:idle-gpu", "10"},
                      {"spawn:idle-sessions", "ignore"},
                      {"spawn:hibernate-on-idle", "true"},
                      {"spawn:on-complete", "Stop"},
                      {"spawn:completion-file", "/data/DONE"},
                      {"spawn:completion-delay", "0s"},
                      {"spawn:pre-stop-hook", "/opt/save.sh"},
                      {"spawn:pre-stop-hook-timeout", "2m"},
                      {"Name", "trainer"},
                      {"spawn:account-base36", "1kpqzg2c"},
                      {"spawn:job-array-id", "arr-1"},
                      {"spawn:job-array-name", "sweep"},
                      {"spawn:job-array-size", "4"},
                      {"spawn:job-array-index", "3"},
                      {"spawn:unknown", "ignored"}});
  EXPECT_TRUE(parsed.problems.empty());
  AgentConfig expected;
  expected.managed = true;
  expected.ttl = hours(8);
  expected.idle_timeout = minutes(30);
  expected.idle = {2.5, 20'000, 0, 10, false};
  expected.hibernate_on_idle = true;
  expected.on_complete = StopAction::stop;
  expected.completion_file = "/data/DONE";
  expected.completion_delay = Milliseconds(0);
  expected.pre_stop_hook = "/opt/save.sh";
  expected.pre_stop_hook_timeout = minutes(2);
  expected.name = "trainer";
  expected.account_base36 = "1kpqzg2c";
  expected.job_array = {"arr-1", "sweep", 4, 3};
  EXPECT_EQ(parsed.config, expected);
}

TEST(AgentConfig, NoTagsMeansUnmanagedWithDefaults) {
  auto parsed = read({});
  EXPECT_TRUE(parsed.problems.empty());
  EXPECT_EQ(parsed.config, AgentConfig{});
  EXPECT_FALSE(parsed.config.managed);
  EXPECT_FALSE(parsed.config.on_complete);
  EXPECT_EQ(parsed.config.completion_file, "/tmp/SPAWN_COMPLETE");
}

TEST(AgentConfig, ManagedOnlyWhenTrue) {
  EXPECT_TRUE(read({{"spawn:managed", "TRUE"}}).config.managed);
  auto off = read({{"spawn:managed", "false"}});
  EXPECT_FALSE(off.config.managed);
  EXPECT_TRUE(off.problems.empty());
  auto typo = read({{"spawn:managed", "yes"}});
  EXPECT_FALSE(typo.config.managed);
  EXPECT_EQ(only_problem(typo, "spawn:managed").value, "yes");
}

TEST(AgentConfig, DurationsUnderstandDays) {
  EXPECT_EQ(read({{"spawn:ttl", "1d2h"}}).config.ttl, hours(26));
  EXPECT_EQ(read({{"spawn:idle-timeout", "1d"}}).config.idle_timeout, hours(24));
}

TEST(AgentConfig, UnreadableTtlWithNothingElseFallsBackToAnIdleTimeout) {
  auto parsed = read({{"spawn:ttl", "banana"}});
  EXPECT_FALSE(parsed.config.ttl);
  EXPECT_EQ(parsed.config.idle_timeout, kFallbackIdleTimeout);
  auto problem = only_problem(parsed, "spawn:ttl");
  EXPECT_EQ(problem.value, "banana");
  EXPECT_TRUE(contains(problem.message, "not a duration")) << problem.message;
  EXPECT_TRUE(contains(problem.message,
                       "no earlier TTL to keep, so the instance terminates after 1h idle instead"))
      << problem.message;

  auto hibernating = read({{"spawn:ttl", "8 hours"}, {"spawn:hibernate-on-idle", "true"}});
  EXPECT_TRUE(contains(hibernating.problems.at(0).message, "hibernates after 1h idle"));
}

TEST(AgentConfig, UnreadableTtlKeepsThePreviousTtl) {
  AgentConfig previous;
  previous.ttl = hours(8);
  auto parsed = read({{"spawn:ttl", "8"}}, previous);
  EXPECT_EQ(parsed.config.ttl, hours(8));
  EXPECT_FALSE(parsed.config.idle_timeout);
  EXPECT_TRUE(
      contains(only_problem(parsed, "spawn:ttl").message, "keeping the previous TTL of 8h"));
}

TEST(AgentConfig, UnreadableTtlLeansOnAValidIdleTimeout) {
  auto parsed = read({{"spawn:ttl", "1w"}, {"spawn:idle-timeout", "20m"}});
  EXPECT_FALSE(parsed.config.ttl);
  EXPECT_EQ(parsed.config.idle_timeout, minutes(20));
  EXPECT_TRUE(contains(only_problem(parsed, "spawn:ttl").message, "idle timeout of 20m"));
}

TEST(AgentConfig, ZeroAndHugeLimitsAreRefused) {
  for (const char* ttl : {"0s", "0", "", "3650d1ms", "99999999d"}) {
    auto parsed = read({{"spawn:ttl", ttl}});
    EXPECT_FALSE(parsed.config.ttl) << ttl;
    EXPECT_EQ(parsed.config.idle_timeout, kFallbackIdleTimeout) << ttl;
    EXPECT_EQ(only_problem(parsed, "spawn:ttl").value, ttl);
  }
  EXPECT_EQ(read({{"spawn:ttl", "3650d"}}).config.ttl, kLongestDuration);
}

TEST(AgentConfig, UnreadableIdleTimeoutKeepsThePreviousOrFallsBack) {
  auto first = read({{"spawn:idle-timeout", "soon"}});
  EXPECT_EQ(first.config.idle_timeout, kFallbackIdleTimeout);
  EXPECT_TRUE(contains(only_problem(first, "spawn:idle-timeout").message, "using 1h"));

  AgentConfig previous;
  previous.idle_timeout = minutes(45);
  auto later = read({{"spawn:idle-timeout", "soon"}}, previous);
  EXPECT_EQ(later.config.idle_timeout, minutes(45));
  EXPECT_TRUE(contains(only_problem(later, "spawn:idle-timeout").message,
                       "keeping the previous idle timeout of 45m"));
}

TEST(AgentConfig, RefusedThresholdsKeepTheirDefaults) {
  for (const char* percent : {"-1", "100.5", "abc", "5%", "nan", "inf", " 5"}) {
    auto parsed = read({{"spawn:idle-cpu", percent}, {"spawn:idle-gpu", percent}});
    EXPECT_EQ(parsed.config.idle, IdleThresholds{}) << percent;
    ASSERT_EQ(parsed.problems.size(), 2u) << percent;
    EXPECT_TRUE(contains(parsed.problems[0].message, "using the default 5%"))
        << parsed.problems[0].message;
  }
  for (const char* rate : {"-5", "1.5", "10k", "", "+3"}) {
    auto parsed = read({{"spawn:idle-network", rate}, {"spawn:idle-disk", rate}});
    EXPECT_EQ(parsed.config.idle, IdleThresholds{}) << rate;
    EXPECT_EQ(parsed.problems.size(), 2u) << rate;
  }
  auto limits = read({{"spawn:idle-cpu", "0"}, {"spawn:idle-gpu", "100"}});
  EXPECT_TRUE(limits.problems.empty());
  EXPECT_EQ(limits.config.idle.cpu_percent, 0);
  EXPECT_EQ(limits.config.idle.gpu_percent, 100);
}

TEST(AgentConfig, SessionsCountUnlessIgnored) {
  EXPECT_TRUE(read({{"spawn:idle-sessions", "count"}}).config.idle.sessions_keep_alive);
  EXPECT_FALSE(read({{"spawn:idle-sessions", "IGNORE"}}).config.idle.sessions_keep_alive);
  auto typo = read({{"spawn:idle-sessions", "off"}});
  EXPECT_TRUE(typo.config.idle.sessions_keep_alive);
  only_problem(typo, "spawn:idle-sessions");
}

TEST(AgentConfig, OnCompleteAnyCaseAndEmptyMeansOff) {
  EXPECT_EQ(read({{"spawn:on-complete", "HIBERNATE"}}).config.on_complete, StopAction::hibernate);
  auto empty = read({{"spawn:on-complete", ""}});
  EXPECT_FALSE(empty.config.on_complete);
  EXPECT_TRUE(empty.problems.empty());
}

TEST(AgentConfig, RefusedOnCompleteLeavesCompletionAsItWas) {
  auto first = read({{"spawn:on-complete", "exit"}, {"spawn:completion-file", "/data/DONE"}});
  EXPECT_FALSE(first.config.on_complete);
  EXPECT_EQ(first.config.completion_file, "/tmp/SPAWN_COMPLETE");
  EXPECT_TRUE(contains(only_problem(first, "spawn:on-complete").message, "completion stays off"));

  AgentConfig previous;
  previous.on_complete = StopAction::terminate;
  auto later = read({{"spawn:on-complete", "explode"}}, previous);
  EXPECT_EQ(later.config.on_complete, StopAction::terminate);
  EXPECT_TRUE(
      contains(only_problem(later, "spawn:on-complete").message,
               "keeping the previous setting (terminate when /tmp/SPAWN_COMPLETE appears)"));
}

TEST(AgentConfig, CompletionFileMustBeAPlainAbsolutePath) {
  for (std::string file :
       {std::string("done"), std::string("/data/../etc/passwd"), std::string("/data/\0x", 8)}) {
    auto parsed = read({{"spawn:on-complete", "terminate"}, {"spawn:completion-file", file}});
    EXPECT_FALSE(parsed.config.on_complete) << file;
    EXPECT_EQ(parsed.config.completion_file, "/tmp/SPAWN_COMPLETE");
    EXPECT_EQ(only_problem(parsed, "spawn:completion-file").value, file);
  }
  auto dots = read({{"spawn:on-complete", "terminate"}, {"spawn:completion-file", "/a..b/done"}});
  EXPECT_EQ(dots.config.completion_file, "/a..b/done");
}

TEST(AgentConfig, CompletionDelayAllowsZeroAndFallsBackToTheDefault) {
  EXPECT_EQ(read({{"spawn:completion-delay", "0s"}}).config.completion_delay, Milliseconds(0));
  EXPECT_EQ(read({{"spawn:completion-delay", "2m"}}).config.completion_delay, minutes(2));
  auto typo = read({{"spawn:completion-delay", "30"}});
  EXPECT_EQ(typo.config.completion_delay, kDefaultCompletionDelay);
  EXPECT_TRUE(
      contains(only_problem(typo, "spawn:completion-delay").message, "using the default 30s"));
}

TEST(AgentConfig, PreStopHookNeedsAnAbsolutePathAndABoundedTimeout) {
  auto relative = read({{"spawn:pre-stop-hook", "save.sh"}});
  EXPECT_EQ(relative.config.pre_stop_hook, "");
  EXPECT_TRUE(contains(only_problem(relative, "spawn:pre-stop-hook").message, "no pre-stop hook"));

  EXPECT_EQ(read({{"spawn:pre-stop-hook-timeout", "10m"}}).config.pre_stop_hook_timeout,
            kLongestPreStopHookTimeout);
  for (const char* timeout : {"10m1s", "0s", "1x"}) {
    auto parsed = read({{"spawn:pre-stop-hook-timeout", timeout}});
    EXPECT_EQ(parsed.config.pre_stop_hook_timeout, kDefaultPreStopHookTimeout) << timeout;
    only_problem(parsed, "spawn:pre-stop-hook-timeout");
  }
}

TEST(AgentConfig, JobArrayNeedsAValidSizeAndIndex) {
  Tags tags{{"spawn:job-array-id", "arr"}, {"spawn:job-array-size", "3"}};
  auto cases = std::vector<std::pair<std::string, std::string>>{{"spawn:job-array-index", "3"},
                                                                {"spawn:job-array-index", "-1"},
                                                                {"spawn:job-array-index", "x"},
                                                                {"spawn:job-array-size", "0"}};
  for (const auto& [tag, value] : cases) {
    Tags bad = tags;
    bad["spawn:job-array-index"] = "0";
    bad[tag] = value;
    auto parsed = read(bad);
    EXPECT_EQ(parsed.config.job_array, JobArray{}) << tag << "=" << value;
    EXPECT_TRUE(contains(only_problem(parsed, tag).message, "peer discovery is off"));
  }
  auto missing_index = read(tags);
  EXPECT_EQ(missing_index.config.job_array, JobArray{});
  EXPECT_EQ(only_problem(missing_index, "spawn:job-array-index").value, "");

  tags["spawn:job-array-index"] = "2";
  EXPECT_EQ(read(tags).config.job_array.index, 2);
  EXPECT_TRUE(read({{"spawn:job-array-size", "x"}}).problems.empty());  // no id: not an array
}

TEST(AgentConfig, StopActionsByName) {
  EXPECT_EQ(stop_action_from("Terminate"), StopAction::terminate);
  EXPECT_EQ(stop_action_from("stop"), StopAction::stop);
  EXPECT_EQ(stop_action_from("hibernate"), StopAction::hibernate);
  EXPECT_FALSE(stop_action_from("exit"));
  EXPECT_EQ(to_string(StopAction::hibernate), "hibernate");
  EXPECT_EQ(to_string(StopAction::stop), "stop");
}

}  // namespace
}  // namespace spawn::spored
