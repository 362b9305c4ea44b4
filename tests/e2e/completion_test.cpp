// The workload signals completion: the agent waits the delay, records why on the
// instance, and stops or terminates it.
#include <gtest/gtest.h>

#include "spored_fixture.hpp"

namespace spawn::e2e {
namespace {

class CompletionTest : public SporedSuite<CompletionTest> {};

TEST_F(CompletionTest, CompletionFileTerminatesAfterTheDelayAndRecordsWhy) {
  auto id =
      launch_agent({.tags = {{"spawn:on-complete", "terminate"}, {"spawn:completion-delay", "1s"}},
                    .after_agent = "touch /tmp/SPAWN_COMPLETE\n"});
  ASSERT_TRUE(id) << id.error().message;

  ASSERT_TRUE(cloud().wait_for_state(*id, "terminated", kActDeadline))
      << agent_report(cloud(), *id);
  EXPECT_EQ(tag_of(cloud(), *id, "spawn:last-stop-reason").value_or("(none)"),
            "workload complete (no status given)");
  EXPECT_TRUE(tag_of(cloud(), *id, "spawn:last-stop-time").has_value());
  // Seen first, announced with the delay, then acted on.
  auto log = agent_log(cloud(), *id);
  auto announced = log.find("Workload complete - terminate in 1s");
  auto acted = log.find("completion: workload complete (no status given) -> terminate");
  EXPECT_LT(announced, acted) << log;
  EXPECT_NE(acted, std::string::npos) << log;
}

TEST_F(CompletionTest, SporedCompleteStopsAndRecordsStatusAndMessage) {
  auto id = launch_agent({.tags = {{"spawn:on-complete", "stop"}, {"spawn:completion-delay", "1s"}},
                          .after_agent = std::string(kSporedPath) +
                                         " complete --status failed --message \"exit 3\"\n"});
  ASSERT_TRUE(id) << id.error().message;

  ASSERT_TRUE(cloud().wait_for_state(*id, "stopped", kActDeadline)) << agent_report(cloud(), *id);
  EXPECT_EQ(tag_of(cloud(), *id, "spawn:completion-status").value_or("(none)"), "failed");
  EXPECT_EQ(tag_of(cloud(), *id, "spawn:completion-message").value_or("(none)"), "exit 3");
}

TEST_F(CompletionTest, UnreadableCompletionFileStillCompletes) {
  auto id =
      launch_agent({.tags = {{"spawn:on-complete", "terminate"}, {"spawn:completion-delay", "1s"}},
                    .after_agent = "mkdir /tmp/SPAWN_COMPLETE\n"});
  ASSERT_TRUE(id) << id.error().message;

  EXPECT_TRUE(cloud().wait_for_state(*id, "terminated", kActDeadline))
      << agent_report(cloud(), *id);
}

}  // namespace
}  // namespace spawn::e2e
