#include <gtest/gtest.h>

#include <set>

#include "aws/ec2_parse.hpp"
#include "ec2_test_fixture.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud::testing {
namespace {

constexpr std::string_view kImage = "ImageId=ami-0a1c2e3f4a5b6c7d8&MinCount=1&MaxCount=1";

class RunInstancesTest : public Ec2Test {};

TEST_F(RunInstancesTest, AnswersAReservationSpawnsOwnClientCanRead) {
  Answer answer = call("RunInstances",
                       std::string(kImage) +
                           "&InstanceType=t3.micro&TagSpecification.1.ResourceType=instance"
                           "&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=web"
                           "&MetadataOptions.HttpTokens=required"
                           "&MetadataOptions.InstanceMetadataTags=enabled");
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_STREQ(answer.root().name(), "RunInstancesResponse");
  aws::Reservation reservation = aws::parse_reservation(answer.root());
  EXPECT_TRUE(reservation.reservation_id.starts_with("r-"));
  EXPECT_EQ(reservation.owner_id, "123456789012");
  ASSERT_EQ(reservation.instances.size(), 1u);
  const aws::Instance& instance = reservation.instances[0];
  EXPECT_TRUE(instance.instance_id.starts_with("i-"));
  EXPECT_EQ(instance.instance_id.size(), 19u);
  EXPECT_EQ(instance.state.name, "pending");
  EXPECT_EQ(instance.state.code, 0);
  EXPECT_EQ(instance.instance_type, "t3.micro");
  EXPECT_EQ(instance.image_id, "ami-0a1c2e3f4a5b6c7d8");
  EXPECT_EQ(instance.architecture, "x86_64");
  EXPECT_EQ(instance.availability_zone, "us-east-1a");
  EXPECT_TRUE(instance.subnet_id.starts_with("subnet-"));
  EXPECT_TRUE(instance.vpc_id.starts_with("vpc-"));
  ASSERT_EQ(instance.security_groups.size(), 1u);
  EXPECT_EQ(instance.security_groups[0].group_name, "default");
  EXPECT_TRUE(instance.private_ip.starts_with("127."));
  EXPECT_TRUE(instance.public_ip.starts_with("127."));  // default subnets map public IPs
  EXPECT_NE(instance.private_ip, instance.public_ip);
  EXPECT_TRUE(instance.private_dns.ends_with(".ec2.internal"));
  EXPECT_TRUE(instance.launch_time.has_value());
  EXPECT_EQ(instance.metadata_options.http_tokens, "required");
  EXPECT_EQ(instance.metadata_options.instance_metadata_tags, "enabled");
  ASSERT_EQ(instance.tags.size(), 1u);
  EXPECT_EQ(instance.tags[0].key, "Name");
  EXPECT_EQ(instance.tags[0].value, "web");
}

TEST_F(RunInstancesTest, TagsFromTagSpecificationsShowInDescribeInstancesAndVolumes) {
  auto ids = launch(
      "TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=team"
      "&TagSpecification.1.Tag.1.Value=ml&TagSpecification.2.ResourceType=volume"
      "&TagSpecification.2.Tag.1.Key=disk&TagSpecification.2.Tag.1.Value=root"
      "&BlockDeviceMapping.1.DeviceName=/dev/xvda&BlockDeviceMapping.1.Ebs.VolumeSize=50"
      "&BlockDeviceMapping.1.Ebs.VolumeType=gp3&BlockDeviceMapping.1.Ebs.Encrypted=true");
  ASSERT_EQ(ids.size(), 1u);
  Answer described = call("DescribeInstances", "Filter.1.Name=tag:team&Filter.1.Value.1=ml");
  auto page = aws::parse_page(described.root(), "reservationSet", aws::parse_reservation);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].instances[0].instance_id, ids[0]);

  Answer volumes =
      call("DescribeVolumes", "Filter.1.Name=attachment.instance-id&Filter.1.Value.1=" + ids[0]);
  ASSERT_EQ(volumes.status, 200) << volumes.body;
  pugi::xml_node volume = volumes.root().child("volumeSet").child("item");
  EXPECT_STREQ(volume.child_value("size"), "50");
  EXPECT_STREQ(volume.child_value("volumeType"), "gp3");
  EXPECT_STREQ(volume.child_value("encrypted"), "true");
  EXPECT_STREQ(volume.child("tagSet").child("item").child_value("value"), "root");
  EXPECT_STREQ(volume.child("attachmentSet").child("item").child_value("device"), "/dev/xvda");
}

TEST_F(RunInstancesTest, DescribeVolumesServesAtMost500AsEc2DoesForTheCliDefaultOf1000) {
  launch("", 1);
  Answer volumes = call("DescribeVolumes", "MaxResults=1000");
  ASSERT_EQ(volumes.status, 200) << volumes.body;
  EXPECT_TRUE(volumes.root().child("volumeSet").child("item"));
  EXPECT_EQ(call("DescribeVolumes", "MaxResults=4").status, 400);
}

TEST_F(RunInstancesTest, EachInstanceGetsItsOwnLoopbackAddresses) {
  auto first = launch("", 3);
  auto second = launch("", 2, "eu-west-1");
  std::set<std::string> addresses;
  for (const std::string& id : first) {
    addresses.insert(instance(id).value("PrivateIpAddress", ""));
    addresses.insert(instance(id).value("PublicIpAddress", ""));
  }
  for (const std::string& id : second) {
    Json document = instance(id, "eu-west-1");
    addresses.insert(document.value("PrivateIpAddress", ""));
    addresses.insert(document.value("PublicIpAddress", ""));
  }
  EXPECT_EQ(addresses.size(), 10u);
  for (const std::string& address : addresses) {
    EXPECT_TRUE(address.starts_with("127.")) << address;
    EXPECT_FALSE(address.starts_with("127.0.")) << address;
  }
}

TEST_F(RunInstancesTest, SameClientTokenAnswersTheSameReservation) {
  std::string body = std::string(kImage) + "&InstanceType=t3.micro&ClientToken=token-1";
  Answer first = call("RunInstances", body);
  Answer again = call("RunInstances", body + "&DryRun=false");
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_STREQ(first.root().child_value("reservationId"),
               again.root().child_value("reservationId"));
  EXPECT_STREQ(first.root().child("instancesSet").child("item").child_value("instanceId"),
               again.root().child("instancesSet").child("item").child_value("instanceId"));
  Answer all = call("DescribeInstances", "");
  EXPECT_EQ(aws::parse_page(all.root(), "reservationSet", aws::parse_reservation).items.size(), 1u);
}

TEST_F(RunInstancesTest, SameClientTokenWithOtherParametersIsAMismatch) {
  ASSERT_EQ(
      call("RunInstances", std::string(kImage) + "&InstanceType=t3.micro&ClientToken=t").status,
      200);
  Answer other = call("RunInstances", std::string(kImage) + "&InstanceType=t3.large&ClientToken=t");
  EXPECT_EQ(other.status, 400);
  EXPECT_EQ(other.code, "IdempotentParameterMismatch");
}

TEST_F(RunInstancesTest, ClientTokensArePerRegion) {
  std::string body = std::string(kImage) + "&ClientToken=shared";
  Answer east = call("RunInstances", body, "us-east-1");
  Answer west = call("RunInstances", body, "us-west-2");
  ASSERT_EQ(west.status, 200);
  EXPECT_STRNE(east.root().child_value("reservationId"), west.root().child_value("reservationId"));
}

TEST_F(RunInstancesTest, DryRunValidatesThenAnswers412WithoutLaunching) {
  Answer dry = call("RunInstances", std::string(kImage) + "&DryRun=true");
  EXPECT_EQ(dry.status, 412);
  EXPECT_EQ(dry.code, "DryRunOperation");
  Answer invalid = call("RunInstances", "ImageId=ami-00000000&MinCount=1&MaxCount=1&DryRun=true");
  EXPECT_EQ(invalid.code, "InvalidAMIID.NotFound");
  EXPECT_TRUE(call("DescribeInstances", "").root().child("reservationSet").first_child().empty());
}

struct RefusedLaunch {
  std::string parameters;
  int status;
  std::string code;
};

void PrintTo(const RefusedLaunch& launch, std::ostream* out) {
  *out << launch.parameters;
}

class RunInstancesRefusal : public Ec2Test, public ::testing::WithParamInterface<RefusedLaunch> {};

TEST_P(RunInstancesRefusal, AnswersEc2sError) {
  Answer answer = call("RunInstances", GetParam().parameters);
  EXPECT_EQ(answer.status, GetParam().status) << answer.body;
  EXPECT_EQ(answer.code, GetParam().code) << answer.body;
  EXPECT_TRUE(call("DescribeInstances", "").root().child("reservationSet").first_child().empty());
}

INSTANTIATE_TEST_SUITE_P(
    Launch, RunInstancesRefusal,
    ::testing::Values(
        RefusedLaunch{"MinCount=1&MaxCount=1", 400, "MissingParameter"},
        RefusedLaunch{"ImageId=ami-0a1c2e3f4a5b6c7d8&MaxCount=1", 400, "MissingParameter"},
        RefusedLaunch{"ImageId=ami-12345678&MinCount=1&MaxCount=1", 400, "InvalidAMIID.NotFound"},
        RefusedLaunch{"ImageId=nope&MinCount=1&MaxCount=1", 400, "InvalidAMIID.Malformed"},
        RefusedLaunch{std::string(kImage) + "&SubnetId=subnet-00000000", 400,
                      "InvalidSubnetID.NotFound"},
        RefusedLaunch{std::string(kImage) + "&SecurityGroupId.1=sg-00000000", 400,
                      "InvalidGroup.NotFound"},
        RefusedLaunch{std::string(kImage) + "&KeyName=missing", 400, "InvalidKeyPair.NotFound"},
        RefusedLaunch{std::string(kImage) + "&IamInstanceProfile.Name=missing", 400,
                      "InvalidParameterValue"},
        RefusedLaunch{std::string(kImage) + "&InstanceType=bogus", 400, "InvalidParameterValue"},
        RefusedLaunch{"ImageId=ami-0a1c2e3f4a5b6c7d8&MinCount=3&MaxCount=2", 400,
                      "InvalidParameterValue"},
        RefusedLaunch{std::string(kImage) + "&UserData=%21%21%21", 400, "InvalidParameterValue"},
        RefusedLaunch{std::string(kImage) + "&MetadataOptions.HttpTokens=sometimes", 400,
                      "InvalidParameterValue"},
        RefusedLaunch{std::string(kImage) + "&InstanceInitiatedShutdownBehavior=explode", 400,
                      "InvalidParameterValue"},
        RefusedLaunch{std::string(kImage) + "&Placement.AvailabilityZone=us-east-1z", 400,
                      "InvalidParameterValue"},
        RefusedLaunch{std::string(kImage) + "&TagSpecification.1.ResourceType=vpc"
                                            "&TagSpecification.1.Tag.1.Key=a",
                      400, "InvalidParameterValue"}));

TEST_F(RunInstancesTest, UserDataOver16KiBIsRefusedWithAwsMessage) {
  std::string big(16385, 'x');
  Answer answer = call("RunInstances", std::string(kImage) + "&UserData=" + base64_encode(big));
  EXPECT_EQ(answer.code, "InvalidParameterValue");
  EXPECT_NE(answer.body.find("User data is limited to 16384 bytes"), std::string::npos);
}

TEST_F(RunInstancesTest, AnInstanceProfileWithARoleIsRecorded) {
  add_instance_profile("worker", "worker-role");
  auto ids = launch("IamInstanceProfile.Name=worker");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(instance(ids[0]).value(Json::json_pointer("/IamInstanceProfile/Arn"), ""),
            "arn:aws:iam::123456789012:instance-profile/worker");
  Answer refused = call("RunInstances", std::string(kImage) + "&IamInstanceProfile.Name=nobody");
  EXPECT_NE(refused.body.find("Value (nobody) for parameter iamInstanceProfile.name is invalid. "
                              "Invalid IAM Instance Profile name"),
            std::string::npos)
      << refused.body;
}

TEST_F(RunInstancesTest, NoCapacityIsAServerErrorNamingTypeAndZone) {
  FaultSettings settings;
  settings.capacity = CapacityFault{"t3.micro", "us-east-1a"};
  faults.set(settings);
  Answer refused = call("RunInstances", std::string(kImage) +
                                            "&InstanceType=t3.micro&Placement.AvailabilityZone=us-"
                                            "east-1a");
  EXPECT_EQ(refused.status, 500);
  EXPECT_EQ(refused.code, "InsufficientInstanceCapacity");
  EXPECT_NE(refused.body.find("sufficient t3.micro capacity in the Availability Zone you requested "
                              "(us-east-1a)"),
            std::string::npos)
      << refused.body;
  // Without a zone, EC2 places the instance where there is capacity.
  auto ids = launch();
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(instance(ids[0]).value(Json::json_pointer("/Placement/AvailabilityZone"), ""),
            "us-east-1b");
}

TEST_F(RunInstancesTest, SpotMarketOptionsMakeASpotInstance) {
  auto ids = launch(
      "InstanceMarketOptions.MarketType=spot&InstanceMarketOptions.SpotOptions.MaxPrice=0.05"
      "&InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior=stop"
      "&InstanceMarketOptions.SpotOptions.SpotInstanceType=persistent");
  ASSERT_EQ(ids.size(), 1u);
  Answer described =
      call("DescribeInstances", "Filter.1.Name=instance-lifecycle&Filter.1.Value.1=spot");
  auto page = aws::parse_page(described.root(), "reservationSet", aws::parse_reservation);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].instances[0].lifecycle, "spot");
  EXPECT_TRUE(page.items[0].instances[0].spot_instance_request_id.starts_with("sir-"));
}

}  // namespace
}  // namespace spawn::localcloud::testing
