#include "spored/agent_state.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "util/file.hpp"

namespace spawn::spored {
namespace {

using nlohmann::json;
using std::chrono::hours;
using std::chrono::minutes;

const SystemTime kLaunch = std::chrono::sys_days{std::chrono::year{2026} / 11 / 27} + hours(10);

const std::filesystem::path kFixtures =
    std::filesystem::path(SPAWN_SOURCE_DIR) / "tests/unit/spored/fixtures/agent_state";

// Every member set to something other than its default.
AgentState populated() {
  AgentState state;
  state.instance_id = "i-0123456789abcdef0";
  state.region = "us-east-2";
  state.account_id = "123456789012";
  state.spot = true;
  state.pid = 4242;
  state.boot_id = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
  state.started_at = kLaunch + std::chrono::milliseconds(250);
  state.updated_at = kLaunch + hours(3);
  state.config.managed = true;
  state.config.ttl = hours(8);
  state.config.idle_timeout = minutes(30);
  state.config.idle = {2.5, 20'000, 1, 7.5, false};
  state.config.hibernate_on_idle = true;
  state.config.on_complete = StopAction::hibernate;
  state.config.completion_file = "/data/DONE";
  state.config.completion_delay = std::chrono::seconds(0);
  state.config.pre_stop_hook = "/opt/save.sh";
  state.config.pre_stop_hook_timeout = minutes(2);
  state.config.name = "trainer";
  state.config.account_base36 = "1kpqzg2c";
  state.config.job_array = {"arr-1", "sweep", 4, 3};
  state.problems = {{"spawn:idle-cpu", "lots", "not a percentage from 0 to 100; using 5%"}};
  state.config_source = "imds";
  state.policy = {kLaunch,
                  kLaunch + hours(2),
                  kLaunch + hours(3) - minutes(1),
                  kLaunch + hours(4),
                  kLaunch + minutes(170),
                  Trigger::idle,
                  kLaunch + minutes(175)};
  state.last_activity =
      Activity{minutes(1), 0.25, std::nullopt, 4096, 12.5, 1, {"no /proc/net/dev"}};
  state.last_decision = {DecisionKind::warn,
                         Trigger::idle,
                         StopAction::hibernate,
                         "idle 25m of 30m",
                         "HIBERNATING IN 5 MINUTES",
                         {{Trigger::spot, true, "no interruption notice", std::nullopt},
                          {Trigger::idle, true, "idle 25m of 30m", kLaunch + hours(3)}}};
  state.last_action_error = "UnauthorizedOperation";
  state.peers_written = true;
  return state;
}

class AgentStateFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("spawn-agent-state-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST(AgentState, JsonRoundTripKeepsEverything) {
  AgentState state = populated();
  auto back = agent_state_from_json(json::parse(to_json(state).dump()));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, state);
}

TEST(AgentState, MembersReadWellForAPerson) {
  json document = to_json(populated());
  EXPECT_EQ(document["config"]["ttl_ms"], 28'800'000);
  EXPECT_EQ(document["config"]["ttl"], "8h");
  EXPECT_EQ(document["config"]["completion_delay"], "0s");
  EXPECT_EQ(document["config"]["on_complete"], "hibernate");
  EXPECT_EQ(document["started_at"], "2026-11-27T10:00:00.250Z");
  EXPECT_EQ(document["policy"]["acted"], "idle");
  EXPECT_EQ(document["last_decision"]["kind"], "warn");
  EXPECT_TRUE(document["last_activity"]["network_bytes_per_minute"].is_null());

  AgentState empty;
  json sparse = to_json(empty);
  EXPECT_TRUE(sparse["config"]["ttl_ms"].is_null());
  EXPECT_TRUE(sparse["last_activity"].is_null());
  EXPECT_EQ(agent_state_from_json(sparse).value_or(populated()), empty);
}

TEST(AgentState, ErrorsNameTheMember) {
  struct Case {
    json::json_pointer member;
    json value;
    std::string named;
  };
  std::vector<Case> cases{
      {json::json_pointer("/policy/launch_time"), "yesterday", "policy.launch_time"},
      {json::json_pointer("/config/idle/cpu_percent"), "5", "config.idle.cpu_percent"},
      {json::json_pointer("/last_decision/conditions/1/trigger"), "banana",
       "last_decision.conditions[1].trigger"},
      {json::json_pointer("/pid"), 1.5, "pid"},
  };
  for (const auto& c : cases) {
    json document = to_json(populated());
    document[c.member] = c.value;
    auto state = agent_state_from_json(document);
    ASSERT_FALSE(state) << c.named;
    EXPECT_EQ(state.error().kind, ErrorKind::parse);
    EXPECT_NE(state.error().message.find(c.named), std::string::npos) << state.error().message;
  }
  json document = to_json(populated());
  document["config"].erase("managed");
  auto missing = agent_state_from_json(document);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("config.managed is missing"), std::string::npos)
      << missing.error().message;
  EXPECT_FALSE(agent_state_from_json(json::array()));
}

TEST_F(AgentStateFile, SaveThenLoadGivesTheSameStateReadableByAnyone) {
  auto path = dir_ / "state.json";
  ASSERT_TRUE(save_agent_state(path, populated()));
  ASSERT_TRUE(save_agent_state(path, populated()));  // replaces, leaves no temporary file
  auto loaded = load_agent_state(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(*loaded, populated());
  auto perms = std::filesystem::status(path).permissions() & std::filesystem::perms::all;
  EXPECT_EQ(perms, std::filesystem::perms(0644));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), {}), 1);
}

TEST_F(AgentStateFile, MissingFileIsNotFound) {
  auto loaded = load_agent_state(dir_ / "absent.json");
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().kind, ErrorKind::not_found);
}

TEST_F(AgentStateFile, BrokenFileIsAParseErrorNamingIt) {
  ASSERT_TRUE(write_file_atomic(dir_ / "state.json", "{\"instance_id\": "));
  auto loaded = load_agent_state(dir_ / "state.json");
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().kind, ErrorKind::parse);
  EXPECT_NE(loaded.error().message.find("state.json"), std::string::npos);
}

// A state file as an earlier build wrote it: the daemon must still read it after an upgrade.
TEST(AgentState, ReadsAStoredStateFile) {
  auto loaded = load_agent_state(kFixtures / "state.json");
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->instance_id, "i-0123456789abcdef0");
  EXPECT_EQ(loaded->config.ttl, hours(8));
  EXPECT_EQ(loaded->policy.launch_time, kLaunch);
  EXPECT_EQ(loaded->policy.acted, Trigger::idle);
  EXPECT_EQ(loaded->last_decision.conditions.size(), 2u);
}

}  // namespace
}  // namespace spawn::spored
