// What runs inside an instance: its user-data, in a sandbox of its own, with an
// IMDSv2 that serves current tags, and instance-role credentials the real AWS CLI
// picks up from IMDS.
#include <gtest/gtest.h>

#include <filesystem>

#include "localcloud_fixture.hpp"

namespace spawn::integration {
namespace {

class IntegrationUserData : public CloudSuite<IntegrationUserData> {};

TEST_F(IntegrationUserData, UserDataRunsInItsOwnSandboxAndReachesTheConsole) {
  aws::RunInstancesRequest writer;
  writer.user_data = bash_user_data("echo 'hello from user-data'\nput /tmp/hello hello\n");
  aws::RunInstancesRequest bystander;
  bystander.user_data = bash_user_data("put /tmp/booted yes\n");
  auto writer_id = cloud().launch(writer);
  auto bystander_id = cloud().launch(bystander);
  ASSERT_TRUE(writer_id && bystander_id);

  EXPECT_EQ(cloud().wait_for_file(*writer_id, "/tmp/hello"), "hello\n")
      << cloud().console_of(*writer_id);
  EXPECT_EQ(cloud().wait_for_file(*bystander_id, "/tmp/booted"), "yes\n")
      << cloud().console_of(*bystander_id);
  EXPECT_FALSE(cloud().file_of(*bystander_id, "/tmp/hello").has_value());
  EXPECT_TRUE(wait_until([&] {
    return cloud().console_of(*writer_id).find("hello from user-data") != std::string::npos;
  })) << cloud().console_of(*writer_id);
}

TEST_F(IntegrationUserData, ImdsV2ServesCurrentInstanceTags) {
  aws::RunInstancesRequest request;
  request.metadata_options.http_tokens = "required";
  request.metadata_options.instance_metadata_tags = "enabled";
  request.tag_specifications = {{"instance", {{"Name", "reader"}}}};
  request.user_data = "#!/usr/bin/python3\n" + std::string(kImdsGetPython) + R"(
import os, time, urllib.error
def put(path, text):
    with open(path + ".part", "w") as out:
        out.write(text)
    os.rename(path + ".part", path)
try:
    urllib.request.urlopen(IMDS + "/latest/meta-data/instance-id", timeout=5)
    put("/tmp/v1-status", "200")
except urllib.error.HTTPError as error:
    put("/tmp/v1-status", str(error.code))
first = imds_get("tags/instance/Name")
put("/tmp/tag", first)
for _ in range(400):
    time.sleep(0.05)
    current = imds_get("tags/instance/Name")
    if current != first:
        put("/tmp/tag-after", current)
        break
)";
  auto id = cloud().launch(request);
  ASSERT_TRUE(id) << id.error().message;

  EXPECT_EQ(cloud().wait_for_file(*id, "/tmp/v1-status"), "401")
      << "a GET without a token must be refused when HttpTokens=required";
  ASSERT_EQ(cloud().wait_for_file(*id, "/tmp/tag"), "reader") << cloud().console_of(*id);
  ASSERT_TRUE(cloud().ec2().create_tags({*id}, {{"Name", "renamed"}}));
  EXPECT_EQ(cloud().wait_for_file(*id, "/tmp/tag-after"), "renamed") << cloud().console_of(*id);
}

TEST_F(IntegrationUserData, AwsCliInsideUsesTheInstanceRole) {
  ASSERT_TRUE(std::filesystem::exists("/usr/bin/aws"))
      << "/usr/bin/aws is missing: install awscli (apt-get install awscli)";
  aws::CreateRoleRequest role_request;
  role_request.name = "integration-reader";
  role_request.assume_role_policy =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
      R"("Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
  auto role = cloud().iam().create_role(role_request);
  ASSERT_TRUE(role) << role.error().message;
  aws::CreateInstanceProfileRequest profile_request;
  profile_request.name = "integration-reader";
  auto profile = cloud().iam().create_instance_profile(profile_request);
  ASSERT_TRUE(profile) << profile.error().message;
  ASSERT_TRUE(
      cloud().iam().add_role_to_instance_profile("integration-reader", "integration-reader"));

  aws::RunInstancesRequest request;
  request.iam_instance_profile_name = "integration-reader";
  request.user_data =
      bash_user_data("id=$(/usr/bin/python3 - <<'EOF'\n" + std::string(kImdsGetPython) +
                     "print(imds_get('instance-id'))\nEOF\n)\n" + R"(
seen=$(aws ec2 describe-instances --instance-ids "$id" \
  --query 'Reservations[0].Instances[0].InstanceId' --output text 2>&1)
put /tmp/self "$seen"
)");
  auto id = cloud().launch(request);
  ASSERT_TRUE(id) << id.error().message;

  wait_until([&] { return cloud().file_of(*id, "/tmp/self").has_value(); },
             std::chrono::seconds(40));
  EXPECT_EQ(cloud().file_of(*id, "/tmp/self").value_or("(not written)"), *id + "\n")
      << cloud().console_of(*id);
}

}  // namespace
}  // namespace spawn::integration
