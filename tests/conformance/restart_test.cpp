// A server stopped with SIGTERM and started again on the same state dir still
// has everything made before: an instance (booted again), a VPC, a role and an
// S3 object.
#include "localcloud_suite.hpp"

namespace spawn::conformance {
namespace {

class Restart : public LocalcloudSuite {};

TEST_F(Restart, ResourcesSurviveARestart) {
  AwsResult run = run_instances("t3.micro");
  ASSERT_TRUE(run.succeeded()) << run;
  std::string instance_id = instance_ids(run.json()).at(0);
  std::string vpc =
      text_at(aws_ok({"ec2", "create-vpc", "--cidr-block", "10.50.0.0/16"}), "/Vpc/VpcId");
  std::string role = unique_name("role");
  aws_ok({"iam", "create-role", "--role-name", role, "--assume-role-policy-document",
          kEc2TrustPolicy});
  std::string bucket = unique_name("bucket");
  std::string content = "kept across restarts: " + bucket + "\n";
  aws_ok({"s3", "mb", "s3://" + bucket});
  aws_ok({"s3", "cp", scratch_file("kept.txt", content).string(), "s3://" + bucket + "/kept.txt"});
  aws_ok({"ec2", "wait", "instance-running", "--instance-ids", instance_id});

  ASSERT_TRUE(restart_server());

  aws_ok({"ec2", "wait", "instance-running", "--instance-ids", instance_id});
  nlohmann::json vpcs = aws_ok({"ec2", "describe-vpcs", "--vpc-ids", vpc});
  EXPECT_EQ(text_at(vpcs, "/Vpcs/0/CidrBlock"), "10.50.0.0/16") << vpcs.dump();
  nlohmann::json got = aws_ok({"iam", "get-role", "--role-name", role});
  EXPECT_EQ(text_at(got, "/Role/RoleName"), role) << got.dump();
  std::filesystem::path back = scratch_dir() / "kept.txt";
  aws_ok({"s3", "cp", "s3://" + bucket + "/kept.txt", back.string()});
  EXPECT_EQ(file_content(back), content);
}

}  // namespace
}  // namespace spawn::conformance
