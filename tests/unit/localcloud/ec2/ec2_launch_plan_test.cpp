// Where RunInstances puts an instance, checked through the other families'
// operations: key pairs, groups, subnets, images and the instance-type catalog.
#include <gtest/gtest.h>

#include "ec2_test_fixture.hpp"

namespace spawn::localcloud::testing {
namespace {

constexpr std::string_view kX86Image = "ami-0a1c2e3f4a5b6c7d8";
constexpr std::string_view kArmImage = "ami-0b1d2f3a4b5c6d7e9";

class LaunchPlanTest : public Ec2Test {
 protected:
  Answer run(std::string_view image, std::string_view type, std::string_view extra = "") {
    std::string body = "MinCount=1&MaxCount=1&ImageId=" + std::string(image) +
                       "&InstanceType=" + std::string(type);
    if (!extra.empty())
      body += "&" + std::string(extra);
    return call("RunInstances", body);
  }
  std::string first_instance(const Answer& answer) {
    return answer.root().child("instancesSet").child("item").child_value("instanceId");
  }
  // A VPC with one subnet in us-east-1b; the subnet's id.
  std::string own_subnet() {
    Answer vpc = call("CreateVpc", "CidrBlock=10.1.0.0/16");
    std::string vpc_id = vpc.root().child("vpc").child_value("vpcId");
    Answer subnet = call("CreateSubnet",
                         "VpcId=" + vpc_id + "&CidrBlock=10.1.1.0/24&AvailabilityZone=us-east-1b");
    EXPECT_EQ(subnet.status, 200) << subnet.body;
    return subnet.root().child("subnet").child_value("subnetId");
  }
};

TEST_F(LaunchPlanTest, TheInstanceTypeMustRunTheImagesArchitecture) {
  Answer mismatch = run(kX86Image, "t4g.micro");
  EXPECT_EQ(mismatch.code, "InvalidParameterValue");
  EXPECT_NE(mismatch.body.find("The architecture 'arm64' of the specified instance type does not "
                               "match the architecture 'x86_64' of the specified AMI"),
            std::string::npos);
  Answer arm = run(kArmImage, "t4g.micro");
  ASSERT_EQ(arm.status, 200) << arm.body;
  EXPECT_EQ(instance(first_instance(arm)).value("Architecture", ""), "arm64");
}

TEST_F(LaunchPlanTest, HibernationNeedsATypeThatCanHibernate) {
  Answer refused = run(kX86Image, "g5.xlarge", "HibernationOptions.Configured=true");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.code, "UnsupportedHibernationConfiguration");
  EXPECT_EQ(run(kX86Image, "m5.large", "HibernationOptions.Configured=true").status, 200);
}

TEST_F(LaunchPlanTest, NoInstanceTypeMeansEc2sDefault) {
  Answer answer = call("RunInstances", "MinCount=1&MaxCount=1&ImageId=" + std::string(kX86Image));
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(instance(first_instance(answer)).value("InstanceType", ""), "m1.small");
}

TEST_F(LaunchPlanTest, ImageIdMayNameAnSsmParameter) {
  Answer answer =
      run("resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
          "t4g.micro");
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(instance(first_instance(answer)).value("ImageId", ""), kArmImage);
  EXPECT_EQ(run("resolve:ssm:/no/such/parameter", "t3.micro").code, "InvalidParameterValue");
}

TEST_F(LaunchPlanTest, AKeyPairIsFoundByName) {
  ASSERT_EQ(call("CreateKeyPair", "KeyName=laptop").status, 200);
  Answer answer = run(kX86Image, "t3.micro", "KeyName=laptop");
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_STREQ(answer.root().child("instancesSet").child("item").child_value("keyName"), "laptop");
}

TEST_F(LaunchPlanTest, GroupsMustLiveInTheSubnetsVpc) {
  std::string subnet = own_subnet();
  Answer in_default_vpc = call("CreateSecurityGroup", "GroupName=web&GroupDescription=web");
  ASSERT_EQ(in_default_vpc.status, 200) << in_default_vpc.body;
  std::string group = in_default_vpc.root().child_value("groupId");
  Answer elsewhere =
      run(kX86Image, "t3.micro", "SubnetId=" + subnet + "&SecurityGroupId.1=" + group);
  EXPECT_EQ(elsewhere.code, "InvalidGroup.NotFound");
  Answer by_name = run(kX86Image, "t3.micro", "SecurityGroup.1=web");
  ASSERT_EQ(by_name.status, 200) << by_name.body;
  Json groups = instance(first_instance(by_name))["SecurityGroups"];
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0]["GroupId"], group);
}

TEST_F(LaunchPlanTest, AnOwnSubnetDecidesZoneAndPublicAddress) {
  std::string subnet = own_subnet();
  Answer private_only = run(kX86Image, "t3.micro", "SubnetId=" + subnet);
  ASSERT_EQ(private_only.status, 200) << private_only.body;
  Json document = instance(first_instance(private_only));
  EXPECT_EQ(document.value(Json::json_pointer("/Placement/AvailabilityZone"), ""), "us-east-1b");
  EXPECT_FALSE(document.contains("PublicIpAddress"));
  EXPECT_EQ(document["SecurityGroups"][0]["GroupName"], "default");

  Answer with_public =
      run(kX86Image, "t3.micro",
          "NetworkInterface.1.DeviceIndex=0&NetworkInterface.1.SubnetId=" + subnet +
              "&NetworkInterface.1.AssociatePublicIpAddress=true");
  ASSERT_EQ(with_public.status, 200) << with_public.body;
  EXPECT_TRUE(instance(first_instance(with_public)).contains("PublicIpAddress"));
  EXPECT_EQ(
      run(kX86Image, "t3.micro", "SubnetId=" + subnet + "&Placement.AvailabilityZone=us-east-1a")
          .code,
      "InvalidParameterValue");
}

TEST_F(LaunchPlanTest, ImagesMadeByCreateImageLaunch) {
  auto ids = launch();
  Answer image = call("CreateImage", "InstanceId=" + ids[0] + "&Name=golden");
  ASSERT_EQ(image.status, 200) << image.body;
  std::string image_id = image.root().child_value("imageId");
  Answer answer = run(image_id, "t3.micro");
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(instance(first_instance(answer)).value("ImageId", ""), image_id);
  EXPECT_EQ(run(image_id, "t3.micro", "").status, 200);
  EXPECT_EQ(call("RunInstances", "MinCount=1&MaxCount=1&ImageId=" + image_id, "eu-west-1").code,
            "InvalidAMIID.NotFound");
}

}  // namespace
}  // namespace spawn::localcloud::testing
