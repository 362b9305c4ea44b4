// aws ec2 run-instances as a user runs it: tags on create, user-data, client tokens,
// dry runs, and the attributes that come back.
#include "localcloud_suite.hpp"
#include "util/encoding.hpp"

namespace spawn::conformance {
namespace {

class RunInstances : public LocalcloudSuite {};

TEST_F(RunInstances, LaunchReportsPendingInstanceWithTagsAndUserData) {
  std::string name = unique_name("web");
  std::string script = "#!/bin/bash\necho started " + name + "\n";
  std::filesystem::path user_data = scratch_file("user-data.sh", script);

  AwsResult run =
      run_instances("t3.micro", {"--tag-specifications", instance_tag_spec("Name", name),
                                 "--user-data", "file://" + user_data.string(),
                                 "--instance-initiated-shutdown-behavior", "terminate"});
  ASSERT_TRUE(run.succeeded()) << run;
  nlohmann::json launched = run.json();
  EXPECT_EQ(text_at(launched, "/OwnerId"), "123456789012") << run.out;
  EXPECT_TRUE(text_at(launched, "/ReservationId").starts_with("r-")) << run.out;
  EXPECT_EQ(text_at(launched, "/Instances/0/State/Name"), "pending") << run.out;
  EXPECT_EQ(json_at(launched, "/Instances/0/State/Code"), 0) << run.out;
  std::string id = text_at(launched, "/Instances/0/InstanceId");
  ASSERT_TRUE(id.starts_with("i-")) << run.out;

  AwsResult described = aws({"ec2", "describe-instances", "--instance-ids", id});
  ASSERT_TRUE(described.succeeded()) << described;
  nlohmann::json instance = json_at(described.json(), "/Reservations/0/Instances/0");
  EXPECT_EQ(text_at(instance, "/InstanceId"), id);
  EXPECT_EQ(text_at(instance, "/ImageId"), al2023_image_id());
  EXPECT_EQ(text_at(instance, "/InstanceType"), "t3.micro");
  EXPECT_EQ(tag_map(json_at(instance, "/Tags"))["Name"], name) << described.out;
  EXPECT_TRUE(text_at(instance, "/Placement/AvailabilityZone").starts_with("us-east-1"));
  EXPECT_TRUE(text_at(instance, "/VpcId").starts_with("vpc-")) << described.out;
  EXPECT_TRUE(text_at(instance, "/SubnetId").starts_with("subnet-")) << described.out;
  EXPECT_FALSE(text_at(instance, "/PrivateIpAddress").empty()) << described.out;

  AwsResult shutdown = aws({"ec2", "describe-instance-attribute", "--instance-id", id,
                            "--attribute", "instanceInitiatedShutdownBehavior"});
  ASSERT_TRUE(shutdown.succeeded()) << shutdown;
  EXPECT_EQ(text_at(shutdown.json(), "/InstanceId"), id);
  EXPECT_EQ(text_at(shutdown.json(), "/InstanceInitiatedShutdownBehavior/Value"), "terminate")
      << shutdown.out;

  AwsResult user_data_attribute =
      aws({"ec2", "describe-instance-attribute", "--instance-id", id, "--attribute", "userData"});
  ASSERT_TRUE(user_data_attribute.succeeded()) << user_data_attribute;
  EXPECT_EQ(text_at(user_data_attribute.json(), "/UserData/Value"), base64_encode(script))
      << user_data_attribute.out;
}

TEST_F(RunInstances, ImageIdMayNameAnSsmParameter) {
  AwsResult run = aws({"ec2", "run-instances", "--instance-type", "t3.micro", "--image-id",
                       std::string("resolve:ssm:") + kAl2023X86Parameter});
  ASSERT_TRUE(run.succeeded()) << run;
  EXPECT_EQ(text_at(run.json(), "/Instances/0/ImageId"), al2023_image_id()) << run.out;
}

TEST_F(RunInstances, SameClientTokenReturnsSameInstance) {
  std::string token = unique_name("token");
  AwsResult first = run_instances("t3.micro", {"--client-token", token});
  ASSERT_TRUE(first.succeeded()) << first;
  AwsResult again = run_instances("t3.micro", {"--client-token", token});
  ASSERT_TRUE(again.succeeded()) << again;
  std::vector<std::string> first_ids = instance_ids(first.json());
  ASSERT_EQ(first_ids.size(), 1u) << first;
  EXPECT_EQ(instance_ids(again.json()), first_ids);
  EXPECT_EQ(text_at(again.json(), "/ReservationId"), text_at(first.json(), "/ReservationId"));

  AwsResult changed = run_instances("t3.small", {"--client-token", token});
  EXPECT_TRUE(fails_with(changed, "IdempotentParameterMismatch"));
}

TEST_F(RunInstances, DryRunSucceedsWithoutLaunching) {
  std::string name = unique_name("dry");
  AwsResult dry = run_instances(
      "t3.micro", {"--dry-run", "--tag-specifications", instance_tag_spec("Name", name)});
  EXPECT_TRUE(fails_with(dry, "DryRunOperation"));
  EXPECT_NE(dry.err.find("Request would have succeeded, but DryRun flag is set."),
            std::string::npos)
      << dry;

  AwsResult described =
      aws({"ec2", "describe-instances", "--filters", "Name=tag:Name,Values=" + name});
  ASSERT_TRUE(described.succeeded()) << described;
  EXPECT_TRUE(instance_ids(described.json()).empty()) << described.out;
  EXPECT_TRUE(
      fails_with(aws({"ec2", "describe-instances", "--instance-ids", "i-0123456789abcdef0"}),
                 "InvalidInstanceID.NotFound"));
}

}  // namespace
}  // namespace spawn::conformance
