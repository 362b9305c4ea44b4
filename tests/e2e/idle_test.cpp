// The idle timeout. The machine's real /proc is shared with every other test and
// never idle, so the idle instances read a frozen copy of it (--sensors-root): their
// counters never move, which is what an idle machine looks like. The busy instance
// reads the real one, with a busy loop of its own.
#include <gtest/gtest.h>

#include "spored_fixture.hpp"

namespace spawn::e2e {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class IdleTest : public SporedSuite<IdleTest> {};

constexpr std::string_view kFrozenProc = R"(mkdir -p /var/lib/fakeproc/proc/net
cp /proc/stat /proc/diskstats /var/lib/fakeproc/proc/
cp /proc/net/dev /var/lib/fakeproc/proc/net/dev
)";
const std::string kFrozenProcFlags =
    std::string(kFastRunFlags) + " --sensors-root /var/lib/fakeproc";

TEST_F(IdleTest, IdleInstanceIsTerminated) {
  auto id = launch_agent({.tags = {{"spawn:idle-timeout", "3s"}},
                          .before_agent = std::string(kFrozenProc),
                          .run_flags = kFrozenProcFlags});
  ASSERT_TRUE(id) << id.error().message;

  ASSERT_TRUE(cloud().wait_for_state(*id, "terminated", kActDeadline))
      << agent_report(cloud(), *id);
  auto reason = tag_of(cloud(), *id, "spawn:last-stop-reason").value_or("(none)");
  EXPECT_TRUE(reason.starts_with("idle ") && reason.find(" of 3s: cpu 0%") != std::string::npos)
      << reason;
}

TEST_F(IdleTest, IdleInstanceHibernatesWhenAsked) {
  auto id =
      launch_agent({.tags = {{"spawn:idle-timeout", "3s"}, {"spawn:hibernate-on-idle", "true"}},
                    .before_agent = std::string(kFrozenProc),
                    .run_flags = kFrozenProcFlags,
                    .instance_type = "m7i.large",
                    .hibernation = true});
  ASSERT_TRUE(id) << id.error().message;

  ASSERT_TRUE(cloud().wait_for_state(*id, "stopped", kActDeadline)) << agent_report(cloud(), *id);
  auto instance = cloud().describe(*id);
  ASSERT_TRUE(instance);
  EXPECT_EQ(instance->state_reason.code, "Client.UserInitiatedHibernate");
  // The request's answer may come after the freeze, so the decision line is the one to read.
  EXPECT_NE(agent_log(cloud(), *id).find("-> hibernate"), std::string::npos)
      << agent_report(cloud(), *id);
}

TEST_F(IdleTest, BusyProcessKeepsTheInstanceAlive) {
  auto id = launch_agent(
      {.tags = {{"spawn:idle-timeout", "3s"}}, .before_agent = "while :; do :; done &\n"});
  ASSERT_TRUE(id) << id.error().message;

  auto state = wait_for_agent_state(cloud(), *id, [](const json& s) {
    return state_time(member(s, "/updated_at")) >= state_time(member(s, "/started_at")) + 3 * 3s;
  });
  ASSERT_GE(state_time(member(state, "/updated_at")),
            state_time(member(state, "/started_at")) + 3 * 3s)
      << agent_report(cloud(), *id);
  EXPECT_EQ(cloud().state_of(*id), "running") << agent_report(cloud(), *id);
  auto summary = member(condition_of(state, "idle"), "/summary");
  EXPECT_TRUE(summary.is_string() && summary.get<std::string>().starts_with("active"))
      << state.dump(2);
}

}  // namespace
}  // namespace spawn::e2e
