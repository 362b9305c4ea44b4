// The TTL: counted from the launch time, read from a tag that may change while the
// agent runs, kept across a restart of the agent, and never switched off by a tag
// the agent cannot read.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>

#include "spored_fixture.hpp"

namespace spawn::e2e {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class TtlTest : public SporedSuite<TtlTest> {};

// Shell that waits (at most 30 s) until the agent's state file contains `text`.
std::string wait_for_state_file(std::string_view text) {
  return fmt::format(
      "for _ in $(seq 300); do grep -qF '{}' {} 2>/dev/null && break; sleep 0.1; done\n", text,
      kStateFile);
}

TEST_F(TtlTest, TtlExpiryTerminates) {
  auto id = launch_agent({.tags = {{"spawn:ttl", "3s"}}});
  ASSERT_TRUE(id) << id.error().message;

  ASSERT_TRUE(cloud().wait_for_state(*id, "terminated", kActDeadline))
      << agent_report(cloud(), *id);
  EXPECT_EQ(tag_of(cloud(), *id, "spawn:last-stop-reason").value_or("(none)"), "TTL 3s expired");
}

// The earlier agent did not know "d" and refused such a TTL.
TEST_F(TtlTest, TtlInDaysIsUnderstood) {
  auto id = launch_agent({.tags = {{"spawn:ttl", "1d2h"}}});
  ASSERT_TRUE(id) << id.error().message;

  auto state = wait_for_agent_state(cloud(), *id, [](const json& s) {
    return !member(s, "/config/ttl_ms").is_null() && !member(s, "/problems").is_null();
  });
  EXPECT_EQ(member(state, "/config/ttl_ms"), 93'600'000) << state.dump(2);
  EXPECT_EQ(member(state, "/problems"), json::array()) << state.dump(2);
  EXPECT_EQ(state_time(member(condition_of(state, "ttl"), "/fires_at")),
            state_time(member(state, "/policy/launch_time")) + 26h)
      << state.dump(2);
  EXPECT_EQ(cloud().state_of(*id), "running") << agent_report(cloud(), *id);
}

// `spored reload` makes the daemon read its tags now, not at its next periodic read
// (an hour away here).
TEST_F(TtlTest, ReloadMakesTheRunningAgentReadItsTagsNow) {
  const std::string slow_config =
      "--check-interval 200ms --sample-interval 1s --config-interval 1h";
  auto id = launch_agent({.tags = {{"spawn:ttl", "1h"}},
                          .after_agent = "for _ in $(seq 600); do [ -e /tmp/reload-now ] && break; "
                                         "sleep 0.1; done\n"
                                         "/usr/local/bin/spored reload > /tmp/reload.part 2>&1; "
                                         "mv /tmp/reload.part /tmp/reload.out\n",
                          .run_flags = slow_config});
  ASSERT_TRUE(id) << id.error().message;
  auto first = wait_for_agent_state(
      cloud(), *id, [](const json& s) { return member(s, "/config/ttl_ms") == 3'600'000; });
  ASSERT_EQ(member(first, "/config/ttl_ms"), 3'600'000) << agent_report(cloud(), *id);

  ASSERT_TRUE(cloud().ec2().create_tags({*id}, {{"spawn:ttl", "2h"}}));
  std::ofstream(cloud().root_of(*id) / "tmp/reload-now") << "\n";
  auto output = cloud().wait_for_file(*id, "/tmp/reload.out");
  EXPECT_NE(output.find("Configuration reloaded"), std::string::npos) << output;
  EXPECT_NE(output.find("TTL 2h"), std::string::npos) << output << agent_report(cloud(), *id);
  auto state = agent_state(cloud(), *id);
  ASSERT_TRUE(state);
  EXPECT_EQ(member(*state, "/config/ttl_ms"), 7'200'000) << state->dump(2);
}

// The first TTL leaves time for the tag change to arrive on a slow machine (sanitizers,
// parallel tests); the test then waits past it and finds the instance still running.
TEST_F(TtlTest, LongerTtlTagReachesTheRunningAgent) {
  constexpr auto kFirstTtl = 20s;
  auto id = launch_agent({.tags = {{"spawn:ttl", "20s"}}});
  ASSERT_TRUE(id) << id.error().message;
  auto first = wait_for_agent_state(
      cloud(), *id, [](const json& s) { return member(s, "/config/ttl_ms") == 20'000; });
  ASSERT_EQ(member(first, "/config/ttl_ms"), 20'000) << agent_report(cloud(), *id);

  auto tagged = cloud().ec2().create_tags({*id}, {{"spawn:ttl", "1h"}});
  ASSERT_TRUE(tagged) << tagged.error().message;
  auto extended = wait_for_agent_state(
      cloud(), *id, [](const json& s) { return member(s, "/config/ttl_ms") == 3'600'000; });
  ASSERT_EQ(member(extended, "/config/ttl_ms"), 3'600'000) << agent_report(cloud(), *id);
  auto past_first_ttl = state_time(member(extended, "/policy/launch_time")) + kFirstTtl + 2s;
  auto later = wait_for_agent_state(cloud(), *id, [&](const json& s) {
    return state_time(member(s, "/updated_at")) > past_first_ttl;
  });
  EXPECT_GT(state_time(member(later, "/updated_at")), past_first_ttl) << agent_report(cloud(), *id);
  EXPECT_EQ(cloud().state_of(*id), "running") << agent_report(cloud(), *id);
}

// The user-data kills the agent once it has saved its state; Restart=always brings it back.
TEST_F(TtlTest, RestartedAgentKeepsTheDeadline) {
  auto id = launch_agent({.tags = {{"spawn:ttl", "1h"}},
                          .after_agent = wait_for_state_file("updated_at") +
                                         "kill -KILL \"$(cat /run/spored.pid)\"\n"});
  ASSERT_TRUE(id) << id.error().message;

  std::vector<std::string> pids;
  ASSERT_TRUE(wait_until([&] {
    auto log = agent_log(cloud(), *id);
    pids = agent_pids(log);
    return pids.size() >= 2 && log.find("agent restarted") != std::string::npos;
  })) << agent_report(cloud(), *id);
  auto state = wait_for_agent_state(
      cloud(), *id, [&](const json& s) { return member(s, "/pid") == std::stoi(pids.back()); });
  ASSERT_EQ(member(state, "/pid"), std::stoi(pids.back())) << agent_report(cloud(), *id);
  auto instance = cloud().describe(*id);
  ASSERT_TRUE(instance && instance->launch_time);
  auto launched = state_time(member(state, "/policy/launch_time"));
  EXPECT_EQ(std::chrono::floor<std::chrono::seconds>(launched),
            std::chrono::floor<std::chrono::seconds>(*instance->launch_time))
      << state.dump(2);
  EXPECT_EQ(state_time(member(condition_of(state, "ttl"), "/fires_at")), launched + 1h)
      << state.dump(2);
}

TEST_F(TtlTest, UnreadableTtlFallsBackToAnIdleTimeout) {
  auto id = launch_agent(
      {.tags = {{"spawn:ttl", "banana"}},
       .after_agent = wait_for_state_file("\"spawn:ttl\"") + std::string(kSporedPath) +
                      " status > /tmp/status.part 2>&1; mv /tmp/status.part /tmp/status.txt\n"});
  ASSERT_TRUE(id) << id.error().message;

  auto state = wait_for_agent_state(
      cloud(), *id, [](const json& s) { return !member(s, "/problems/0").is_null(); });
  EXPECT_EQ(member(state, "/problems/0/tag"), "spawn:ttl") << agent_report(cloud(), *id);
  EXPECT_EQ(member(state, "/config/idle_timeout_ms"), 3'600'000) << state.dump(2);
  auto status = cloud().wait_for_file(*id, "/tmp/status.txt");
  EXPECT_NE(status.find("Tags refused"), std::string::npos) << status;
  EXPECT_NE(status.find("spawn:ttl=\"banana\""), std::string::npos) << status;
  EXPECT_EQ(cloud().state_of(*id), "running") << agent_report(cloud(), *id);
}

}  // namespace
}  // namespace spawn::e2e
