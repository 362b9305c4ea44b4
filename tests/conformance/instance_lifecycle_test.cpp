// The instance state machine as the CLI shows it: stop, hibernate, start and
// terminate report their state changes, the CLI's waiters return, and user-data
// really runs (its output is the console output).
#include "localcloud_suite.hpp"

namespace spawn::conformance {
namespace {

constexpr std::chrono::seconds kBootDeadline{60};

class InstanceLifecycle : public LocalcloudSuite {
 protected:
  // Runs `aws ec2 wait <waiter> --instance-ids <ids>` and expects it to return 0.
  static void wait_for(std::string_view waiter, const std::vector<std::string>& ids) {
    std::vector<std::string> args{"ec2", "wait", std::string(waiter), "--instance-ids"};
    args.insert(args.end(), ids.begin(), ids.end());
    AwsResult waited = aws(args);
    EXPECT_TRUE(waited.succeeded()) << waited;
  }

  // The one instance a describe-instances of `id` returns.
  static nlohmann::json describe(const std::string& id) {
    AwsResult described = aws({"ec2", "describe-instances", "--instance-ids", id});
    EXPECT_TRUE(described.succeeded()) << described;
    return json_at(described.json(), "/Reservations/0/Instances/0");
  }
};

// The InstanceStateChange of `id` in a stop/start/terminate answer's `list`.
nlohmann::json state_change(const AwsResult& result, const std::string& list) {
  return json_at(result.json(), "/" + list + "/0");
}

TEST_F(InstanceLifecycle, StopStartTerminateReportStatesAndWaitersReturn) {
  AwsResult run = run_instances("t3.micro");
  ASSERT_TRUE(run.succeeded()) << run;
  std::string id = instance_ids(run.json()).at(0);
  wait_for("instance-running", {id});

  AwsResult stopped = aws({"ec2", "stop-instances", "--instance-ids", id});
  ASSERT_TRUE(stopped.succeeded()) << stopped;
  nlohmann::json stopping = state_change(stopped, "StoppingInstances");
  EXPECT_EQ(text_at(stopping, "/InstanceId"), id);
  EXPECT_EQ(text_at(stopping, "/PreviousState/Name"), "running") << stopped.out;
  EXPECT_EQ(text_at(stopping, "/CurrentState/Name"), "stopping") << stopped.out;
  wait_for("instance-stopped", {id});
  EXPECT_EQ(text_at(describe(id), "/StateReason/Code"), "Client.UserInitiatedShutdown");

  AwsResult started = aws({"ec2", "start-instances", "--instance-ids", id});
  ASSERT_TRUE(started.succeeded()) << started;
  nlohmann::json starting = state_change(started, "StartingInstances");
  EXPECT_EQ(text_at(starting, "/PreviousState/Name"), "stopped") << started.out;
  EXPECT_EQ(text_at(starting, "/CurrentState/Name"), "pending") << started.out;
  wait_for("instance-running", {id});

  AwsResult terminated = aws({"ec2", "terminate-instances", "--instance-ids", id});
  ASSERT_TRUE(terminated.succeeded()) << terminated;
  nlohmann::json terminating = state_change(terminated, "TerminatingInstances");
  EXPECT_EQ(text_at(terminating, "/PreviousState/Name"), "running") << terminated.out;
  EXPECT_EQ(text_at(terminating, "/CurrentState/Name"), "shutting-down") << terminated.out;
  wait_for("instance-terminated", {id});
  EXPECT_EQ(text_at(describe(id), "/State/Name"), "terminated")
      << "terminated instances stay visible for a while";
}

TEST_F(InstanceLifecycle, HibernateNeedsHibernationConfiguredAtLaunch) {
  AwsResult configured = run_instances("t3.micro", {"--hibernation-options", "Configured=true"});
  ASSERT_TRUE(configured.succeeded()) << configured;
  AwsResult plain = run_instances("t3.micro");
  ASSERT_TRUE(plain.succeeded()) << plain;
  std::string hibernating_id = instance_ids(configured.json()).at(0);
  std::string plain_id = instance_ids(plain.json()).at(0);
  wait_for("instance-running", {hibernating_id, plain_id});

  AwsResult refused = aws({"ec2", "stop-instances", "--hibernate", "--instance-ids", plain_id});
  EXPECT_TRUE(fails_with(refused, "UnsupportedHibernationConfiguration"));

  AwsResult hibernated =
      aws({"ec2", "stop-instances", "--hibernate", "--instance-ids", hibernating_id});
  ASSERT_TRUE(hibernated.succeeded()) << hibernated;
  EXPECT_EQ(text_at(state_change(hibernated, "StoppingInstances"), "/CurrentState/Name"),
            "stopping")
      << hibernated.out;
  wait_for("instance-stopped", {hibernating_id});
  nlohmann::json instance = describe(hibernating_id);
  EXPECT_EQ(json_at(instance, "/HibernationOptions/Configured"), true) << instance.dump();
  EXPECT_EQ(text_at(instance, "/StateReason/Code"), "Client.UserInitiatedHibernate")
      << instance.dump();
  EXPECT_EQ(text_at(describe(plain_id), "/State/Name"), "running")
      << "a refused hibernate leaves the instance running";
}

TEST_F(InstanceLifecycle, ConsoleOutputShowsWhatUserDataPrinted) {
  std::string marker = unique_name("hello-from-user-data");
  AwsResult run = run_instances("t3.micro", {"--user-data", "#!/bin/bash\necho " + marker + "\n"});
  ASSERT_TRUE(run.succeeded()) << run;
  std::string id = instance_ids(run.json()).at(0);

  AwsResult console;
  bool printed = eventually(kBootDeadline, [&] {
    console = aws({"ec2", "get-console-output", "--instance-id", id});
    return text_at(console.json(), "/Output").find(marker) != std::string::npos;
  });
  EXPECT_TRUE(printed) << "the marker never reached the console output; last answer: " << console;
  EXPECT_EQ(text_at(console.json(), "/InstanceId"), id) << console.out;
}

}  // namespace
}  // namespace spawn::conformance
