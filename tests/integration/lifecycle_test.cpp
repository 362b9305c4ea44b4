// What the state changes do to an instance's sandbox: stop kills its processes and
// keeps its files, start boots it again (per-boot scripts, not user-data), hibernate
// freezes and resumes the same processes, terminate deletes the sandbox, and a
// shutdown from inside stops or terminates as InstanceInitiatedShutdownBehavior says.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "localcloud_fixture.hpp"

namespace spawn::integration {
namespace {

// Long enough for the 100 ms counter loop to tick several times if it were alive.
constexpr std::chrono::milliseconds kQuietWindow{600};

class IntegrationLifecycle : public CloudSuite<IntegrationLifecycle> {
 protected:
  // The instance's /tmp/counter, or -1 before the loop first writes it.
  int counter_of(const std::string& id) {
    auto text = cloud().file_of(id, "/tmp/counter");
    return text && !text->empty() ? std::stoi(*text) : -1;
  }
  // Launches a boot-counting instance and waits until its counter loop ticks.
  std::string launch_counting(aws::RunInstancesRequest request) {
    request.user_data = boot_counting_user_data();
    auto id = cloud().launch(request);
    EXPECT_TRUE(id) << id.error().message;
    if (!id)
      return "";
    EXPECT_TRUE(wait_until([&] { return counter_of(*id) >= 2; })) << cloud().console_of(*id);
    return *id;
  }
  // True when the counter does not move for kQuietWindow: no process of the instance runs.
  bool counter_stays(const std::string& id) {
    const int seen = counter_of(id);
    return !wait_until([&] { return counter_of(id) != seen; }, kQuietWindow);
  }
};

TEST_F(IntegrationLifecycle, StopKillsProcessesStartBootsAgainTerminateDeletes) {
  const std::string id = launch_counting({});
  ASSERT_FALSE(id.empty());

  ASSERT_TRUE(cloud().ec2().stop_instances({.instance_ids = {id}}));
  ASSERT_TRUE(cloud().wait_for_state(id, "stopped")) << cloud().state_of(id);
  EXPECT_TRUE(counter_stays(id)) << "a process of the stopped instance still runs";
  EXPECT_EQ(line_count(cloud().file_of(id, "/tmp/user-data-runs")), 1) << "files must stay";

  ASSERT_TRUE(cloud().ec2().start_instances({.instance_ids = {id}}));
  ASSERT_TRUE(cloud().wait_for_state(id, "running")) << cloud().state_of(id);
  EXPECT_TRUE(wait_until([&] {
    return line_count(cloud().file_of(id, "/tmp/per-boot-runs")) == 1;
  })) << cloud().console_of(id);
  EXPECT_EQ(line_count(cloud().file_of(id, "/tmp/user-data-runs")), 1)
      << "user-data must run on the first boot only";
  EXPECT_TRUE(counter_stays(id)) << "the killed loop came back";

  ASSERT_TRUE(cloud().ec2().terminate_instances({.instance_ids = {id}}));
  ASSERT_TRUE(cloud().wait_for_state(id, "terminated")) << cloud().state_of(id);
  EXPECT_TRUE(wait_until([&] { return !std::filesystem::exists(cloud().root_of(id)); }));
}

TEST_F(IntegrationLifecycle, HibernateFreezesAndResumesTheSameProcesses) {
  const std::string id =
      launch_counting({.instance_type = "m7i.large", .hibernation_configured = true});
  ASSERT_FALSE(id.empty());

  ASSERT_TRUE(
      cloud().ec2().stop_instances({.instance_ids = {id}, .mode = aws::StopMode::hibernate}));
  ASSERT_TRUE(cloud().wait_for_state(id, "stopped")) << cloud().state_of(id);
  const int frozen = counter_of(id);
  EXPECT_TRUE(counter_stays(id)) << "a process of the hibernated instance still runs";

  ASSERT_TRUE(cloud().ec2().start_instances({.instance_ids = {id}}));
  ASSERT_TRUE(cloud().wait_for_state(id, "running")) << cloud().state_of(id);
  EXPECT_TRUE(wait_until([&] { return counter_of(id) > frozen; }))
      << "the frozen loop did not resume from " << frozen << "\n"
      << cloud().console_of(id);
  EXPECT_EQ(line_count(cloud().file_of(id, "/tmp/user-data-runs")), 1);
}

class IntegrationShutdown : public CloudSuite<IntegrationShutdown> {};

TEST_F(IntegrationShutdown, ShutdownInsideFollowsInstanceInitiatedShutdownBehavior) {
  const std::string shutdown = bash_user_data("shutdown -h now\n");
  auto terminating =
      cloud().launch({.user_data = shutdown, .instance_initiated_shutdown_behavior = "terminate"});
  auto stopping =
      cloud().launch({.user_data = shutdown, .instance_initiated_shutdown_behavior = "stop"});
  ASSERT_TRUE(terminating && stopping);

  EXPECT_TRUE(cloud().wait_for_state(*terminating, "terminated"))
      << cloud().state_of(*terminating) << "\n"
      << cloud().console_of(*terminating);
  EXPECT_TRUE(cloud().wait_for_state(*stopping, "stopped")) << cloud().state_of(*stopping) << "\n"
                                                            << cloud().console_of(*stopping);
}

}  // namespace
}  // namespace spawn::integration
