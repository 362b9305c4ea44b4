#include <gtest/gtest.h>

#include "aws/ec2_parse.hpp"
#include "ec2_test_fixture.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud::testing {
namespace {

class LifecycleTest : public Ec2Test {
 protected:
  // Launches one instance and waits until it runs.
  std::string running_instance(std::string_view extra = "") {
    auto ids = launch(extra);
    EXPECT_EQ(ids.size(), 1u);
    EXPECT_TRUE(wait_for_state(ids.at(0), "running"));
    return ids.at(0);
  }

  std::vector<aws::InstanceStateChange> changes(std::string_view operation, std::string_view body) {
    Answer answer = call(operation, body);
    EXPECT_EQ(answer.status, 200) << answer.body;
    return aws::parse_items(answer.root(), "instancesSet", aws::parse_state_change);
  }
};

TEST_F(LifecycleTest, PendingBecomesRunningAndTheSandboxBootsWithItsUserData) {
  auto ids = launch("UserData=" + base64_encode("#!/bin/bash\necho hi\n"));
  ASSERT_TRUE(wait_for_state(ids[0], "running"));
  ASSERT_TRUE(host.wait_for(ids[0], "boot"));
  HostCall boot = host.calls().at(0);
  EXPECT_EQ(boot.mode, BootMode::first);
  EXPECT_EQ(boot.user_data, "#!/bin/bash\necho hi\n");
  EXPECT_EQ(boot.private_ip, instance(ids[0]).value("PrivateIpAddress", ""));
}

TEST_F(LifecycleTest, StopHaltsAndStartBootsAgain) {
  std::string id = running_instance();
  auto stop = changes("StopInstances", "InstanceId.1=" + id);
  ASSERT_EQ(stop.size(), 1u);
  EXPECT_EQ(stop[0].previous.name, "running");
  EXPECT_EQ(stop[0].current.name, "stopping");
  ASSERT_TRUE(wait_for_state(id, "stopped"));
  EXPECT_TRUE(host.wait_for(id, "halt"));
  EXPECT_EQ(instance(id).value(Json::json_pointer("/StateReason/Code"), ""),
            "Client.UserInitiatedShutdown");

  auto start = changes("StartInstances", "InstanceId.1=" + id);
  EXPECT_EQ(start[0].current.name, "pending");
  EXPECT_EQ(start[0].previous.name, "stopped");
  ASSERT_TRUE(wait_for_state(id, "running"));
  ASSERT_TRUE(host.wait_for(id, "boot", 2));
  EXPECT_EQ(host.calls().back().mode, BootMode::again);
}

TEST_F(LifecycleTest, HibernateFreezesAndStartThawsWithoutBooting) {
  std::string id = running_instance("HibernationOptions.Configured=true");
  changes("StopInstances", "InstanceId.1=" + id + "&Hibernate=true");
  ASSERT_TRUE(wait_for_state(id, "stopped"));
  EXPECT_TRUE(host.wait_for(id, "freeze"));
  changes("StartInstances", "InstanceId.1=" + id);
  ASSERT_TRUE(wait_for_state(id, "running"));
  EXPECT_TRUE(host.wait_for(id, "thaw"));
  EXPECT_EQ(host.actions_of(id), (std::vector<std::string>{"boot", "freeze", "thaw"}));
}

TEST_F(LifecycleTest, HibernateWithoutHibernationConfiguredIsRefused) {
  std::string id = running_instance();
  Answer refused = call("StopInstances", "InstanceId.1=" + id + "&Hibernate=true");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.code, "UnsupportedHibernationConfiguration");
  EXPECT_NE(refused.body.find("not configured at launch for hibernation: " + id),
            std::string::npos);
  EXPECT_EQ(state_of(id), "running");
}

TEST_F(LifecycleTest, WrongStatesAreIncorrectInstanceState) {
  options.boot_delay = std::chrono::seconds(30);  // stays pending
  auto pending = launch();
  Answer start_pending = call("StartInstances", "InstanceId.1=" + pending[0]);
  EXPECT_EQ(start_pending.status, 200);  // already on its way up: no change
  Answer stop_pending = call("StopInstances", "InstanceId.1=" + pending[0]);
  EXPECT_EQ(stop_pending.code, "IncorrectInstanceState");
  changes("TerminateInstances", "InstanceId.1=" + pending[0]);
  Answer start_terminating = call("StartInstances", "InstanceId.1=" + pending[0]);
  EXPECT_EQ(start_terminating.status, 400);
  EXPECT_EQ(start_terminating.code, "IncorrectInstanceState");
  EXPECT_NE(start_terminating.body.find("is not in a state from which it can be started"),
            std::string::npos);
}

TEST_F(LifecycleTest, OneRefusedInstanceChangesNone) {
  std::string running = running_instance();
  std::string terminated = running_instance();
  changes("TerminateInstances", "InstanceId.1=" + terminated);
  ASSERT_TRUE(wait_for_state(terminated, "terminated"));
  Answer refused = call("StopInstances", "InstanceId.1=" + running + "&InstanceId.2=" + terminated);
  EXPECT_EQ(refused.code, "IncorrectInstanceState");
  EXPECT_EQ(state_of(running), "running");
}

TEST_F(LifecycleTest, TerminateIsIdempotentAndTerminatedInstancesArePurgedLater) {
  options.terminated_retention = std::chrono::milliseconds(200);
  std::string id = running_instance();
  auto first = changes("TerminateInstances", "InstanceId.1=" + id);
  EXPECT_EQ(first[0].current.name, "shutting-down");
  ASSERT_TRUE(wait_for_state(id, "terminated"));
  EXPECT_TRUE(host.wait_for(id, "destroy"));
  auto again = changes("TerminateInstances", "InstanceId.1=" + id);
  EXPECT_EQ(again[0].previous.name, "terminated");
  EXPECT_EQ(again[0].current.name, "terminated");
  Answer stop = call("StopInstances", "InstanceId.1=" + id);
  EXPECT_EQ(stop.code, "IncorrectInstanceState");
  // Still visible for a while, then gone.
  EXPECT_EQ(call("DescribeInstances", "InstanceId.1=" + id).status, 200);
  ASSERT_TRUE(eventually([&] { return instance(id).empty(); }));
  EXPECT_EQ(call("DescribeInstances", "InstanceId.1=" + id).code, "InvalidInstanceID.NotFound");
}

TEST_F(LifecycleTest, TerminationProtectionRefusesTerminate) {
  std::string id = running_instance("DisableApiTermination=true");
  Answer refused = call("TerminateInstances", "InstanceId.1=" + id);
  EXPECT_EQ(refused.code, "OperationNotPermitted");
  EXPECT_EQ(state_of(id), "running");
}

TEST_F(LifecycleTest, StateChangesOfUnknownInstancesAreNotFound) {
  Answer missing = call("StopInstances", "InstanceId.1=i-0123456789abcdef0");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.code, "InvalidInstanceID.NotFound");
  EXPECT_EQ(call("TerminateInstances", "InstanceId.1=bad").code, "InvalidInstanceID.Malformed");
  EXPECT_EQ(call("StartInstances", "").code, "MissingParameter");
}

TEST_F(LifecycleTest, DryRunChangesNothing) {
  std::string id = running_instance();
  Answer dry = call("StopInstances", "InstanceId.1=" + id + "&DryRun=true");
  EXPECT_EQ(dry.status, 412);
  EXPECT_EQ(state_of(id), "running");
}

TEST_F(LifecycleTest, ShutdownFromInsideStopsOrTerminatesAsConfigured) {
  std::string stops = running_instance("HibernationOptions.Configured=true");
  std::string terminates = running_instance("InstanceInitiatedShutdownBehavior=terminate");
  ec2->metadata_source().shutdown_requested(stops);
  ec2->metadata_source().shutdown_requested(terminates);
  ASSERT_TRUE(wait_for_state(stops, "stopped"));
  ASSERT_TRUE(wait_for_state(terminates, "terminated"));
  EXPECT_TRUE(host.wait_for(stops, "halt"));  // a plain stop, not a hibernation
  EXPECT_EQ(instance(stops).value(Json::json_pointer("/StateReason/Code"), ""),
            "Client.InstanceInitiatedShutdown");
}

TEST_F(LifecycleTest, SpotInterruptionIsAnnouncedThenActedOn) {
  std::string id = running_instance(
      "InstanceMarketOptions.MarketType=spot"
      "&InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior=stop"
      "&InstanceMarketOptions.SpotOptions.SpotInstanceType=persistent");
  EXPECT_FALSE(ec2->metadata_source().metadata(id)->spot_instance_action.has_value());
  ASSERT_TRUE(ec2->announce_spot_interruption(id).has_value());
  auto notice = ec2->metadata_source().metadata(id)->spot_instance_action;
  ASSERT_TRUE(notice.has_value());
  Json action = Json::parse(*notice);
  EXPECT_EQ(action["action"], "stop");
  EXPECT_TRUE(action["time"].get<std::string>().ends_with("Z"));
  ASSERT_TRUE(wait_for_state(id, "stopped"));
  EXPECT_EQ(instance(id).value(Json::json_pointer("/StateReason/Code"), ""),
            "Server.SpotInstanceShutdown");
}

TEST_F(LifecycleTest, SpotInterruptionNeedsAKnownSpotInstance) {
  start();
  auto unknown = ec2->announce_spot_interruption("i-0123456789abcdef0");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, "InvalidInstanceID.NotFound");
  EXPECT_EQ(unknown.error().status, 404);
  std::string on_demand = running_instance();
  auto refused = ec2->announce_spot_interruption(on_demand);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "InvalidParameterValue");
}

TEST_F(LifecycleTest, SpotTerminationTagsTheStateReason) {
  std::string id = running_instance("InstanceMarketOptions.MarketType=spot");
  ASSERT_TRUE(ec2->announce_spot_interruption(id).has_value());
  ASSERT_TRUE(wait_for_state(id, "terminated"));
  EXPECT_EQ(instance(id).value(Json::json_pointer("/StateReason/Code"), ""),
            "Server.SpotInstanceTermination");
}

TEST_F(LifecycleTest, AFailedBootTerminatesTheInstance) {
  host.fail_boots = true;
  auto ids = launch();
  ASSERT_TRUE(wait_for_state(ids[0], "terminated"));
  EXPECT_EQ(instance(ids[0]).value(Json::json_pointer("/StateReason/Code"), ""),
            "Server.InternalError");
}

TEST_F(LifecycleTest, RebootHaltsAndBootsAgain) {
  std::string id = running_instance();
  EXPECT_EQ(call("RebootInstances", "InstanceId.1=" + id).status, 200);
  ASSERT_TRUE(host.wait_for(id, "boot", 2));
  EXPECT_EQ(host.actions_of(id), (std::vector<std::string>{"boot", "halt", "boot"}));
}

TEST_F(LifecycleTest, ResetDestroysEverySandboxAndDropsTimers) {
  options.boot_delay = std::chrono::seconds(1);  // the stop below cannot finish before reset
  std::string running = running_instance();
  ASSERT_EQ(call("StopInstances", "InstanceId.1=" + running).status, 200);
  ec2->reset();
  EXPECT_TRUE(host.wait_for(running, "destroy"));
  EXPECT_EQ(state_of(running), "stopping");  // the finishing step was dropped
}

}  // namespace
}  // namespace spawn::localcloud::testing
