// spawn stop, hibernate, start, terminate and status through the real command
// line against localcloud: the state changes happen, the TTL survives a stop in
// spawn:ttl-remaining, and terminate never acts without a yes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/duration.hpp"
#include "spawn_cli_runner.hpp"
#include "util/time_format.hpp"

namespace spawn::integration {
namespace {

using ::testing::HasSubstr;

class InstanceLifecycleCommands : public CliSuite<InstanceLifecycleCommands> {};

TEST_F(InstanceLifecycleCommands, StopSavesTheTtlAndStartGivesItBack) {
  std::string id = cli().launch("us-east-1", spawn_tags("pause-me", {{"spawn:ttl", "4h"}}));

  auto stopped = cli().run({"stop", "pause-me"});
  ASSERT_EQ(stopped.exit_code, 0) << stopped.err;
  EXPECT_THAT(stopped.out, HasSubstr("Stop request sent"));
  ASSERT_TRUE(cli().wait_for_state("us-east-1", id, "stopped"));
  EXPECT_EQ(cli().tag_of("us-east-1", id, "spawn:last-stop-reason"), "user-stopped");
  EXPECT_TRUE(cli().tag_of("us-east-1", id, "spawn:last-stop-time"));
  auto saved = cli().tag_of("us-east-1", id, "spawn:ttl-remaining");
  ASSERT_TRUE(saved);
  auto left = parse_duration(*saved);
  ASSERT_TRUE(left) << *saved;
  EXPECT_GT(*left, std::chrono::hours(3) + std::chrono::minutes(58));
  EXPECT_LE(*left, std::chrono::hours(4));

  auto again = cli().run({"stop", id});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.err, HasSubstr("already stopped"));

  auto started = cli().run({"start", id});
  ASSERT_EQ(started.exit_code, 0) << started.err;
  EXPECT_THAT(started.out, HasSubstr("is running"));
  EXPECT_EQ(cli().describe("us-east-1", id)->state.name, "running");
  EXPECT_EQ(cli().tag_of("us-east-1", id, "spawn:ttl"), *saved);
  EXPECT_TRUE(cli().tag_of("us-east-1", id, "spawn:last-start-time"));
}

TEST_F(InstanceLifecycleCommands, HibernateNeedsAnInstanceLaunchedForIt) {
  std::string plain = cli().launch("us-east-1", spawn_tags("no-hibernation"));
  auto refused = cli().run({"hibernate", plain});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("without hibernation"));
  EXPECT_EQ(cli().describe("us-east-1", plain)->state.name, "running");

  std::string ready =
      cli().launch("us-east-1", spawn_tags("hibernation"), "t3.micro", /*hibernation=*/true);
  auto slept = cli().run({"sleep", ready});
  EXPECT_EQ(slept.exit_code, 0) << slept.err;
  EXPECT_THAT(slept.out, HasSubstr("Hibernate request sent"));
  EXPECT_TRUE(cli().wait_for_state("us-east-1", ready, "stopped"));
  EXPECT_EQ(cli().tag_of("us-east-1", ready, "spawn:last-stop-reason"), "user-hibernated");
}

TEST_F(InstanceLifecycleCommands, StartWithoutWaitingReturnsAtOnce) {
  std::string id = cli().launch("us-west-2", spawn_tags("start-no-wait"));
  ASSERT_EQ(cli().run({"stop", id}).exit_code, 0);
  ASSERT_TRUE(cli().wait_for_state("us-west-2", id, "stopped"));

  auto started = cli().run({"start", "--no-wait", "start-no-wait"});
  EXPECT_EQ(started.exit_code, 0) << started.err;
  EXPECT_THAT(started.out, HasSubstr("Start request sent"));
  EXPECT_TRUE(cli().wait_for_state("us-west-2", id, "running"));
}

TEST_F(InstanceLifecycleCommands, TerminateWithYesTerminates) {
  std::string id = cli().launch("eu-west-1", spawn_tags("end-me"));

  auto terminated = cli().run({"terminate", "--yes", "--wait", "end-me"});

  EXPECT_EQ(terminated.exit_code, 0) << terminated.err;
  EXPECT_THAT(terminated.out, HasSubstr(id));
  EXPECT_THAT(terminated.out, HasSubstr("is terminated"));
  EXPECT_EQ(cli().describe("eu-west-1", id)->state.name, "terminated");
}

TEST_F(InstanceLifecycleCommands, TerminateWithoutATerminalOrYesTerminatesNothing) {
  std::string id = cli().launch("us-east-1", spawn_tags("keep-me"));

  auto refused = cli().run({"terminate", id});

  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_THAT(refused.err, HasSubstr("--yes"));
  EXPECT_EQ(cli().describe("us-east-1", id)->state.name, "running");
}

TEST_F(InstanceLifecycleCommands, TerminateAsksOnATerminal) {
  std::string kept = cli().launch("us-east-1", spawn_tags("ask-keep"));
  std::string ended = cli().launch("us-east-1", spawn_tags("ask-end"));

  auto asked = cli().run({"terminate", kept, ended}, "n\ny\n");

  EXPECT_EQ(asked.exit_code, 0) << asked.err;
  EXPECT_THAT(asked.err, HasSubstr("Terminate " + kept + " (ask-keep)? [y/N]"));
  EXPECT_THAT(asked.err, HasSubstr("Kept " + kept));
  EXPECT_TRUE(cli().wait_for_state("us-east-1", ended, "terminated"));
  EXPECT_EQ(cli().describe("us-east-1", kept)->state.name, "running");
}

TEST_F(InstanceLifecycleCommands, TerminateRefusesAnInstanceSpawnDidNotLaunch) {
  std::string id = cli().launch("us-east-1", {{"Name", "someone-elses"}});

  auto refused = cli().run({"terminate", "--yes", id});

  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("not launched by spawn"));
  EXPECT_EQ(cli().describe("us-east-1", id)->state.name, "running");
}

TEST_F(InstanceLifecycleCommands, StatusShowsTheTagsAndTheDeadline) {
  std::string id = cli().launch(
      "us-east-1", spawn_tags("status-me", {{"spawn:ttl", "3h"}, {"spawn:on-complete", "stop"}}));
  auto launched = cli().describe("us-east-1", id)->launch_time.value();

  auto shown = cli().run({"status", "status-me"});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("TTL:"));
  EXPECT_THAT(shown.out, HasSubstr("3h, ends "));
  EXPECT_THAT(shown.out, HasSubstr("stop when /tmp/SPAWN_COMPLETE appears"));
  EXPECT_THAT(shown.out, HasSubstr("Agent: not reachable"));

  auto document = nlohmann::json::parse(cli().run({"status", id, "--json"}).out);
  EXPECT_EQ(document["deadline"], format_iso8601(launched + std::chrono::hours(3)));
  EXPECT_EQ(document["agent"]["reachable"], false);
}

}  // namespace
}  // namespace spawn::integration
