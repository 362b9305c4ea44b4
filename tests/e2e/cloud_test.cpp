// The agent and the cloud around it: a spot interruption notice, an EC2 it cannot
// reach, an instance without metadata service, and the other members of a job array.
#include <gtest/gtest.h>

#include "spored_fixture.hpp"

namespace spawn::e2e {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class CloudTest : public SporedSuite<CloudTest> {};

// A pre-stop hook that only root can change (the agent refuses any other), writing its arguments.
const std::string kHookPath = "/usr/local/bin/hook.sh";
const std::string kHookScript = R"(mkdir -p /usr/local/bin
cat > /usr/local/bin/hook.sh <<'HOOK'
#!/bin/bash
echo "$@" > /tmp/hook-ran.part && mv /tmp/hook-ran.part /tmp/hook-ran
HOOK
chmod 0755 /usr/local/bin/hook.sh
)";

json parsed(const std::string& text) {
  return json::parse(text, nullptr, /*allow_exceptions=*/false);
}

TEST_F(CloudTest, SpotNoticeRunsThePreStopHookAndIsWrittenDown) {
  auto id = launch_agent(
      {.tags = {{"spawn:pre-stop-hook", kHookPath}}, .before_agent = kHookScript, .spot = true});
  ASSERT_TRUE(id) << id.error().message;
  auto state =
      wait_for_agent_state(cloud(), *id, [](const json& s) { return member(s, "/spot") == true; });
  ASSERT_EQ(member(state, "/spot"), true) << agent_report(cloud(), *id);

  auto announced = cloud().admin_post("/_localcloud/instances/" + *id + "/spot-interruption");
  ASSERT_TRUE(announced) << announced.error().message;

  auto hook = cloud().wait_for_file(*id, "/tmp/hook-ran");
  EXPECT_TRUE(hook.starts_with("spot terminate ")) << hook << "\n" << agent_report(cloud(), *id);
  auto notice = parsed(cloud().wait_for_file(*id, "/tmp/spawn-spot-interruption.json"));
  EXPECT_EQ(member(notice, "/instance_id"), *id) << notice.dump(2);
  EXPECT_EQ(member(notice, "/action"), "terminate") << notice.dump(2);
}

// Every EC2 request fails, so the agent powers the machine off from inside, and the
// instance-initiated shutdown behaviour (terminate) ends it.
TEST_F(CloudTest, UnreachableEc2StillEndsTheInstanceThroughShutdown) {
  auto id = launch_agent({.tags = {{"spawn:ttl", "2s"}},
                          .unit_environment = {"AWS_ENDPOINT_URL_EC2=http://127.0.0.1:9"}});
  ASSERT_TRUE(id) << id.error().message;

  ASSERT_TRUE(cloud().wait_for_state(*id, "terminated", kActDeadline))
      << agent_report(cloud(), *id);
  auto log = agent_log(cloud(), *id);
  EXPECT_NE(log.find("EC2 did not terminate the instance"), std::string::npos) << log;
  EXPECT_NE(log.find("powering off from inside with `shutdown -h now`"), std::string::npos) << log;
}

TEST_F(CloudTest, MissingMetadataServiceKeepsTheAgentRunning) {
  auto id = launch_agent({.metadata_endpoint = false});
  ASSERT_TRUE(id) << id.error().message;

  auto state = wait_for_agent_state(cloud(), *id, [](const json& s) {
    return state_time(member(s, "/updated_at")) >= state_time(member(s, "/started_at")) + 3s;
  });
  ASSERT_GE(state_time(member(state, "/updated_at")), state_time(member(state, "/started_at")) + 3s)
      << agent_report(cloud(), *id);
  auto log = agent_log(cloud(), *id);
  EXPECT_NE(log.find("instance metadata unreachable"), std::string::npos) << log;
  EXPECT_EQ(agent_pids(log).size(), 1u) << log;
  EXPECT_EQ(cloud().state_of(*id), "running");
}

TEST_F(CloudTest, JobArrayMembersListEachOther) {
  std::vector<std::string> ids;
  for (const std::string index : {"0", "1"}) {
    auto id = launch_agent({.tags = {{"spawn:job-array-id", "e2e-array"},
                                     {"spawn:job-array-name", "grid"},
                                     {"spawn:job-array-size", "2"},
                                     {"spawn:job-array-index", index}}});
    ASSERT_TRUE(id) << id.error().message;
    ids.push_back(*id);
  }

  for (const auto& id : ids) {
    auto peers = parsed(cloud().wait_for_file(id, "/etc/spawn/job-array-peers.json"));
    ASSERT_TRUE(peers.is_array() && peers.size() == 2)
        << peers.dump(2) << agent_report(cloud(), id);
    for (std::size_t index = 0; index < peers.size(); ++index) {
      EXPECT_EQ(member(peers[index], "/index"), index) << peers.dump(2);
      EXPECT_EQ(member(peers[index], "/instance_id"), ids[index]) << peers.dump(2);
      auto address = member(peers[index], "/private_ip");
      EXPECT_TRUE(address.is_string() && !address.get<std::string>().empty()) << peers.dump(2);
    }
  }
}

}  // namespace
}  // namespace spawn::e2e
