// What the EC2 client puts on the wire. For the calls the AWS CLI was captured
// making, the same inputs must give exactly the CLI's form pairs (encoding
// included); the other calls are checked against the model's wire names.
#include "aws/ec2.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <ostream>

#include "ec2_test_support.hpp"

namespace spawn::aws {
namespace {

using spawn::testing::captured_body;
using spawn::testing::decoded_params;
using spawn::testing::Ec2TestClient;
using spawn::testing::sorted_pairs;
using ::testing::Contains;
using ::testing::Key;
using ::testing::Not;
using ::testing::Pair;

struct CapturedCall {
  std::string file;    // in awscli-requests/awscli-2.9.19-debian/
  std::string action;  // the answer queued for the call
  std::function<void(Ec2Client&)> call;
};

// gtest names a failing case by its capture file.
void PrintTo(const CapturedCall& captured, std::ostream* out) {
  *out << captured.file;
}

RunInstancesRequest captured_run_instances() {
  RunInstancesRequest request;
  request.image_id = "ami-0123456789abcdef0";
  request.instance_type = "t3.micro";
  request.key_name = "demo-key";
  request.security_group_ids = {"sg-0123456789abcdef0"};
  request.subnet_id = "subnet-0123456789abcdef0";
  request.user_data = "#!/bin/bash\necho hello > /tmp/hello\n";
  request.iam_instance_profile_name = "demo-profile";
  request.spot = SpotOptions{"", "one-time", "terminate"};
  request.metadata_options = {"required", "enabled", "enabled", std::nullopt};
  request.tag_specifications = {{"instance", {{"Name", "demo"}, {"Project", "demo"}}}};
  request.client_token = "demo-client-token-1";
  return request;
}

std::vector<CapturedCall> captured_calls() {
  const std::vector<std::string> two_ids = {"i-0123456789abcdef0", "i-0fedcba9876543210"};
  return {
      {"01-ec2-DescribeInstances.http", "DescribeInstances",
       [](Ec2Client& ec2) { (void)ec2.describe_instances({}); }},
      {"02-ec2-DescribeInstances-filters-paged.http", "DescribeInstances",
       [](Ec2Client& ec2) {
         (void)ec2.describe_instances(
             {{},
              {{"instance-state-name", {"pending", "running"}}, {"tag:Project", {"demo"}}},
              {5, "eyJ2IjoiMiJ9EXAMPLE"}});
       }},
      {"03-ec2-DescribeInstances-ids.http", "DescribeInstances",
       [two_ids](Ec2Client& ec2) {
         (void)ec2.describe_instances({two_ids, {}, {}});
       }},
      {"05-ec2-RunInstances.http", "RunInstances",
       [](Ec2Client& ec2) { (void)ec2.run_instances(captured_run_instances()); }},
      {"06-ec2-CreateTags.http", "CreateTags",
       [](Ec2Client& ec2) {
         (void)ec2.create_tags({"i-0123456789abcdef0"}, {{"Name", "demo"}, {"Owner", "a b&c=d"}});
       }},
      {"07-ec2-TerminateInstances.http", "TerminateInstances",
       [two_ids](Ec2Client& ec2) { (void)ec2.terminate_instances({two_ids}); }},
      {"08-ec2-StopInstances.http", "StopInstances",
       [](Ec2Client& ec2) { (void)ec2.stop_instances({{"i-0123456789abcdef0"}}); }},
      {"09-ec2-DescribeInstanceTypes.http", "DescribeInstanceTypes",
       [](Ec2Client& ec2) {
         (void)ec2.describe_instance_types({{"t3.micro", "g5.xlarge"}});
       }},
      {"10-ec2-DescribeRegions.http", "DescribeRegions",
       [](Ec2Client& ec2) { (void)ec2.describe_regions(); }},
  };
}

class Ec2CapturedRequestTest : public ::testing::TestWithParam<CapturedCall> {};

TEST_P(Ec2CapturedRequestTest, SendsTheSamePairsAsTheAwsCli) {
  const CapturedCall& captured = GetParam();
  SPAWN_REQUIRE_TESTDATA(http, "awscli-requests/awscli-2.9.19-debian/" + captured.file);
  Ec2TestClient fake;
  fake.answer(captured.action, "");

  captured.call(fake.ec2);

  const HttpRequest& sent = fake.only_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.header("Content-Type").value_or(""),
            "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_EQ(sorted_pairs(sent.body), sorted_pairs(captured_body(http)));
}

INSTANTIATE_TEST_SUITE_P(AwsCli, Ec2CapturedRequestTest, ::testing::ValuesIn(captured_calls()),
                         [](const auto& param_info) {
                           return "Capture" + param_info.param.file.substr(0, 2);
                         });

TEST(Ec2RequestTest, RunInstancesSendsLaunchOptionsUnderTheModelNames) {
  Ec2TestClient fake;
  fake.answer("RunInstances", "");
  RunInstancesRequest request = captured_run_instances();
  request.iam_instance_profile_name.clear();
  request.iam_instance_profile_arn = "arn:aws:iam::123456789012:instance-profile/spawn";
  request.block_device_mappings = {{"/dev/xvda", 100, "gp3", true, true}};
  request.spot->max_price = "0.05";
  request.metadata_options.http_put_response_hop_limit = 2;
  request.instance_initiated_shutdown_behavior = "terminate";
  request.hibernation_configured = true;
  request.availability_zone = "us-east-1b";
  request.placement_group = "spawn-cluster";
  request.tag_specifications.push_back({"volume", {{"spawn:managed", "true"}}});
  request.dry_run = DryRun::yes;

  ASSERT_TRUE(fake.ec2.run_instances(request));
  auto sent = decoded_params(fake.only_request().body);

  EXPECT_THAT(sent, Contains(Pair("IamInstanceProfile.Arn",
                                  "arn:aws:iam::123456789012:instance-profile/spawn")));
  EXPECT_THAT(sent, Not(Contains(Key("IamInstanceProfile.Name"))));
  EXPECT_THAT(sent, Contains(Pair("BlockDeviceMapping.1.DeviceName", "/dev/xvda")));
  EXPECT_THAT(sent, Contains(Pair("BlockDeviceMapping.1.Ebs.VolumeSize", "100")));
  EXPECT_THAT(sent, Contains(Pair("BlockDeviceMapping.1.Ebs.VolumeType", "gp3")));
  EXPECT_THAT(sent, Contains(Pair("BlockDeviceMapping.1.Ebs.Encrypted", "true")));
  EXPECT_THAT(sent, Contains(Pair("BlockDeviceMapping.1.Ebs.DeleteOnTermination", "true")));
  EXPECT_THAT(sent, Contains(Pair("InstanceMarketOptions.SpotOptions.MaxPrice", "0.05")));
  EXPECT_THAT(sent, Contains(Pair("MetadataOptions.HttpPutResponseHopLimit", "2")));
  EXPECT_THAT(sent, Contains(Pair("InstanceInitiatedShutdownBehavior", "terminate")));
  EXPECT_THAT(sent, Contains(Pair("HibernationOptions.Configured", "true")));
  EXPECT_THAT(sent, Contains(Pair("Placement.AvailabilityZone", "us-east-1b")));
  EXPECT_THAT(sent, Contains(Pair("Placement.GroupName", "spawn-cluster")));
  EXPECT_THAT(sent, Contains(Pair("TagSpecification.2.ResourceType", "volume")));
  EXPECT_THAT(sent, Contains(Pair("TagSpecification.2.Tag.1.Key", "spawn:managed")));
  EXPECT_THAT(sent, Contains(Pair("DryRun", "true")));
}

TEST(Ec2RequestTest, RunInstancesWithoutClientTokenSendsAFreshOne) {
  Ec2TestClient fake;
  fake.answer("RunInstances", "");
  fake.answer("RunInstances", "");
  RunInstancesRequest request = captured_run_instances();
  request.client_token.clear();

  ASSERT_TRUE(fake.ec2.run_instances(request));
  ASSERT_TRUE(fake.ec2.run_instances(request));

  auto first = decoded_params(fake.transport.requests[0].body)["ClientToken"];
  auto second = decoded_params(fake.transport.requests[1].body)["ClientToken"];
  EXPECT_EQ(first.size(), 36u);  // a UUID
  EXPECT_NE(first, second);
}

TEST(Ec2RequestTest, StopInstancesCanHibernateAndForce) {
  Ec2TestClient fake;
  fake.answer("StopInstances", "");

  ASSERT_TRUE(fake.ec2.stop_instances({{"i-1"}, StopMode::hibernate, true}));

  auto sent = decoded_params(fake.only_request().body);
  EXPECT_THAT(sent, Contains(Pair("Hibernate", "true")));
  EXPECT_THAT(sent, Contains(Pair("Force", "true")));
  EXPECT_THAT(sent, Contains(Pair("InstanceId.1", "i-1")));
}

TEST(Ec2RequestTest, DeleteTagsNamesKeysWithoutValues) {
  Ec2TestClient fake;
  fake.answer("DeleteTags", "<return>true</return>");

  ASSERT_TRUE(fake.ec2.delete_tags({"i-1", "vol-2"}, {"spawn:ttl"}));

  auto sent = decoded_params(fake.only_request().body);
  EXPECT_THAT(sent, Contains(Pair("ResourceId.2", "vol-2")));
  EXPECT_THAT(sent, Contains(Pair("Tag.1.Key", "spawn:ttl")));
  EXPECT_THAT(sent, Not(Contains(Key("Tag.1.Value"))));
}

TEST(Ec2RequestTest, AuthorizeIngressFlattensPermissionsAndRanges) {
  Ec2TestClient fake;
  fake.answer("AuthorizeSecurityGroupIngress", "<return>true</return>");

  ASSERT_TRUE(fake.ec2.authorize_security_group_ingress(
      {"sg-1",
       {{"tcp", 22, 22, {{"203.0.113.0/24", "ssh from office"}, {"198.51.100.7/32", ""}}}}}));

  auto sent = decoded_params(fake.only_request().body);
  EXPECT_THAT(sent, Contains(Pair("GroupId", "sg-1")));
  EXPECT_THAT(sent, Contains(Pair("IpPermissions.1.IpProtocol", "tcp")));
  EXPECT_THAT(sent, Contains(Pair("IpPermissions.1.FromPort", "22")));
  EXPECT_THAT(sent, Contains(Pair("IpPermissions.1.ToPort", "22")));
  EXPECT_THAT(sent, Contains(Pair("IpPermissions.1.IpRanges.1.CidrIp", "203.0.113.0/24")));
  EXPECT_THAT(sent, Contains(Pair("IpPermissions.1.IpRanges.1.Description", "ssh from office")));
  EXPECT_THAT(sent, Contains(Pair("IpPermissions.1.IpRanges.2.CidrIp", "198.51.100.7/32")));
  EXPECT_THAT(sent, Not(Contains(Key("IpPermissions.1.IpRanges.2.Description"))));
}

TEST(Ec2RequestTest, CreateSecurityGroupSendsTheDescriptionAsGroupDescription) {
  Ec2TestClient fake;
  fake.answer("CreateSecurityGroup", "<return>true</return><groupId>sg-9</groupId>");

  auto group_id = fake.ec2.create_security_group(
      {"spawn-ssh", "SSH for spawn", "vpc-1", {{"security-group", {{"spawn:managed", "true"}}}}});

  ASSERT_TRUE(group_id);
  EXPECT_EQ(*group_id, "sg-9");
  auto sent = decoded_params(fake.only_request().body);
  EXPECT_THAT(sent, Contains(Pair("GroupDescription", "SSH for spawn")));
  EXPECT_THAT(sent, Contains(Pair("GroupName", "spawn-ssh")));
  EXPECT_THAT(sent, Contains(Pair("TagSpecification.1.ResourceType", "security-group")));
}

TEST(Ec2RequestTest, ImportKeyPairSendsTheKeyBase64Encoded) {
  Ec2TestClient fake;
  fake.answer("ImportKeyPair", "<keyName>spawn</keyName><keyPairId>key-1</keyPairId>");

  ASSERT_TRUE(fake.ec2.import_key_pair(
      {"spawn", "ssh-ed25519 AAAAC3Nz me@host", {{"key-pair", {{"spawn:managed", "true"}}}}}));

  auto sent = decoded_params(fake.only_request().body);
  EXPECT_THAT(sent,
              Contains(Pair("PublicKeyMaterial", base64_encode("ssh-ed25519 AAAAC3Nz me@host"))));
  EXPECT_THAT(sent, Contains(Pair("TagSpecification.1.ResourceType", "key-pair")));
}

TEST(Ec2RequestTest, NetworkAttributesUseNestedValueKeys) {
  Ec2TestClient fake;
  fake.answer("ModifyVpcAttribute", "<return>true</return>");
  fake.answer("ModifySubnetAttribute", "<return>true</return>");

  ASSERT_TRUE(
      fake.ec2.modify_vpc_attribute("vpc-1", VpcAttribute::enable_dns_hostnames, Toggle::on));
  ASSERT_TRUE(fake.ec2.modify_subnet_map_public_ip("subnet-1", Toggle::off));

  auto vpc = decoded_params(fake.transport.requests[0].body);
  EXPECT_THAT(vpc, Contains(Pair("EnableDnsHostnames.Value", "true")));
  EXPECT_THAT(vpc, Contains(Pair("VpcId", "vpc-1")));
  auto subnet = decoded_params(fake.transport.requests[1].body);
  EXPECT_THAT(subnet, Contains(Pair("MapPublicIpOnLaunch.Value", "false")));
  EXPECT_THAT(subnet, Contains(Pair("SubnetId", "subnet-1")));
}

TEST(Ec2RequestTest, DescribeCallsUseEachModelsIdName) {
  Ec2TestClient fake;
  for (const char* action : {"DescribeInternetGateways", "DescribeSecurityGroups", "DescribeVpcs"})
    fake.answer(action, "");

  ASSERT_TRUE(fake.ec2.describe_internet_gateways({{"igw-1"}}));
  ASSERT_TRUE(fake.ec2.describe_security_groups({{"sg-1"}}));
  ASSERT_TRUE(fake.ec2.describe_vpcs({{}, {{"tag:spawn:managed", {"true"}}}}));

  EXPECT_THAT(decoded_params(fake.transport.requests[0].body),
              Contains(Pair("InternetGatewayId.1", "igw-1")));
  EXPECT_THAT(decoded_params(fake.transport.requests[1].body), Contains(Pair("GroupId.1", "sg-1")));
  EXPECT_THAT(decoded_params(fake.transport.requests[2].body),
              Contains(Pair("Filter.1.Name", "tag:spawn:managed")));
}

TEST(Ec2RequestTest, ImageCallsSendOwnersAndNoReboot) {
  Ec2TestClient fake;
  fake.answer("DescribeImages", "");
  fake.answer("CreateImage", "<imageId>ami-9</imageId>");

  ASSERT_TRUE(fake.ec2.describe_images({{}, {"amazon"}, {{"name", {"al2023-ami-*"}}}}));
  auto image_id = fake.ec2.create_image(
      {"i-1", "spawn-snapshot", "", Reboot::no, {{"image", {{"spawn:managed", "true"}}}}});

  ASSERT_TRUE(image_id);
  EXPECT_EQ(*image_id, "ami-9");
  auto describe = decoded_params(fake.transport.requests[0].body);
  EXPECT_THAT(describe, Contains(Pair("Owner.1", "amazon")));
  EXPECT_THAT(describe, Contains(Pair("Filter.1.Value.1", "al2023-ami-*")));
  auto create = decoded_params(fake.transport.requests[1].body);
  EXPECT_THAT(create, Contains(Pair("NoReboot", "true")));
  EXPECT_THAT(create, Contains(Pair("InstanceId", "i-1")));
  EXPECT_THAT(create, Contains(Pair("TagSpecification.1.ResourceType", "image")));
}

TEST(Ec2RequestTest, SpotPriceHistoryAsksForTypesProductAndStartTime) {
  Ec2TestClient fake;
  fake.answer("DescribeSpotPriceHistory", "");
  DescribeSpotPriceHistoryRequest request;
  request.instance_types = {"g5.xlarge"};
  request.product_descriptions = {"Linux/UNIX"};
  request.availability_zone = "us-east-1a";
  request.start_time = SystemTime{std::chrono::seconds{1'800'000'000}};

  ASSERT_TRUE(fake.ec2.describe_spot_price_history(request));

  auto sent = decoded_params(fake.only_request().body);
  EXPECT_THAT(sent, Contains(Pair("InstanceType.1", "g5.xlarge")));
  EXPECT_THAT(sent, Contains(Pair("ProductDescription.1", "Linux/UNIX")));
  EXPECT_THAT(sent, Contains(Pair("AvailabilityZone", "us-east-1a")));
  EXPECT_THAT(sent, Contains(Pair("StartTime", "2027-01-15T08:00:00Z")));
}

TEST(Ec2RequestTest, DescribeRegionsCanAskForAllRegions) {
  Ec2TestClient fake;
  fake.answer("DescribeRegions", "");

  ASSERT_TRUE(fake.ec2.describe_regions(RegionScope::all));

  EXPECT_THAT(decoded_params(fake.only_request().body), Contains(Pair("AllRegions", "true")));
}

}  // namespace
}  // namespace spawn::aws
