// Subnets: ranges inside their VPC, zones, attributes, and instances that keep them alive.
#include "aws/ec2_parse.hpp"
#include "ec2_network_fixture.hpp"

namespace spawn::localcloud::network_testing {
namespace {

using aws::parse_items;
using SubnetTest = Ec2NetworkTest;

TEST_F(SubnetTest, CreateSubnetAnswersTheSubnet) {
  std::string vpc_id = create_vpc();
  aws::Subnet subnet = aws::parse_subnet(aws::xml::child(
      ok("CreateSubnet", "VpcId=" + vpc_id +
                             "&CidrBlock=10.0.1.0%2F24&AvailabilityZone=us-east-1c"
                             "&TagSpecification.1.ResourceType=subnet"
                             "&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=a"),
      "subnet"));
  EXPECT_TRUE(subnet.subnet_id.starts_with("subnet-"));
  EXPECT_EQ(subnet.vpc_id, vpc_id);
  EXPECT_EQ(subnet.cidr_block, "10.0.1.0/24");
  EXPECT_EQ(subnet.availability_zone, "us-east-1c");
  EXPECT_EQ(subnet.state, "available");
  EXPECT_EQ(subnet.available_ip_address_count, 251);
  EXPECT_FALSE(subnet.map_public_ip_on_launch);
  EXPECT_FALSE(subnet.default_for_az);
  ASSERT_EQ(subnet.tags.size(), 1u);
  EXPECT_EQ(document("subnet", subnet.subnet_id)->at("AvailabilityZoneId"), "use1-az3");
}

TEST_F(SubnetTest, CreateSubnetByZoneIdOrWithoutZone) {
  std::string vpc_id = create_vpc();
  auto zone_of = [&](std::string_view body) {
    return aws::xml::text(ok("CreateSubnet", "VpcId=" + vpc_id + "&" + std::string(body)),
                          "subnet/availabilityZone");
  };
  EXPECT_EQ(zone_of("CidrBlock=10.0.1.0%2F24&AvailabilityZoneId=use1-az2"), "us-east-1b");
  EXPECT_FALSE(zone_of("CidrBlock=10.0.2.0%2F24").empty());
}

TEST_F(SubnetTest, CreateSubnetChecksRangeOverlapAndZone) {
  std::string vpc_id = create_vpc();
  create_subnet(vpc_id, "10.0.0.0/20");
  std::string body = "VpcId=" + vpc_id + "&CidrBlock=";
  expect_error("CreateSubnet", body + "10.1.0.0%2F24", "InvalidSubnet.Range");
  expect_error("CreateSubnet", body + "10.0.0.0%2F29", "InvalidSubnet.Range");
  expect_error("CreateSubnet", body + "10.0.8.0%2F24", "InvalidSubnet.Conflict");
  expect_error("CreateSubnet", body + "10.0.16.1%2F24", "InvalidParameterValue");
  expect_error("CreateSubnet", body + "10.0.16.0%2F24&AvailabilityZone=us-east-1z",
               "InvalidParameterValue");
  expect_error("CreateSubnet", body + "10.0.16.0%2F24&AvailabilityZone=eu-west-1a",
               "InvalidParameterValue");
  expect_error("CreateSubnet", "VpcId=vpc-0000000000000000f&CidrBlock=10.0.16.0%2F24",
               "InvalidVpcID.NotFound");
  expect_error("CreateSubnet", "CidrBlock=10.0.16.0%2F24", "MissingParameter");
  // The same range in another VPC is fine.
  create_subnet(create_vpc(), "10.0.0.0/20");
}

TEST_F(SubnetTest, DescribeSubnetsFilters) {
  std::string vpc_id = create_vpc();
  std::string a = create_subnet(vpc_id, "10.0.1.0/24");
  create_subnet(vpc_id, "10.0.2.0/24");
  auto in_vpc =
      parse_items(ok("DescribeSubnets", "Filter.1.Name=vpc-id&Filter.1.Value.1=" + vpc_id),
                  "subnetSet", aws::parse_subnet);
  EXPECT_EQ(in_vpc.size(), 2u);
  auto by_cidr =
      parse_items(ok("DescribeSubnets", "Filter.1.Name=cidr-block&Filter.1.Value.1=10.0.1.0/24"),
                  "subnetSet", aws::parse_subnet);
  ASSERT_EQ(by_cidr.size(), 1u);
  EXPECT_EQ(by_cidr[0].subnet_id, a);
  auto defaults =
      parse_items(ok("DescribeSubnets", "Filter.1.Name=default-for-az&Filter.1.Value.1=true"),
                  "subnetSet", aws::parse_subnet);
  EXPECT_EQ(defaults.size(), 6u);  // the default VPC's, one per zone
  expect_error("DescribeSubnets", "SubnetId.1=subnet-0000000000000000f",
               "InvalidSubnetID.NotFound");
}

TEST_F(SubnetTest, ModifySubnetAttributeMapsPublicIps) {
  std::string subnet_id = create_subnet(create_vpc(), "10.0.1.0/24");
  ok("ModifySubnetAttribute", "SubnetId=" + subnet_id + "&MapPublicIpOnLaunch.Value=true");
  auto subnets =
      parse_items(ok("DescribeSubnets", "SubnetId.1=" + subnet_id), "subnetSet", aws::parse_subnet);
  ASSERT_EQ(subnets.size(), 1u);
  EXPECT_TRUE(subnets[0].map_public_ip_on_launch);
  auto mapped = parse_items(ok("DescribeSubnets",
                               "Filter.1.Name=map-public-ip-on-launch&Filter.1.Value.1=true"
                               "&Filter.2.Name=default-for-az&Filter.2.Value.1=false"),
                            "subnetSet", aws::parse_subnet);
  EXPECT_EQ(mapped.size(), 1u);
  expect_error("ModifySubnetAttribute", "SubnetId=" + subnet_id, "MissingParameter");
  expect_error("ModifySubnetAttribute",
               "SubnetId=subnet-0000000000000000f&MapPublicIpOnLaunch.Value=true",
               "InvalidSubnetID.NotFound");
}

TEST_F(SubnetTest, DeleteSubnetInUseByALiveInstanceIsADependencyViolation) {
  std::string subnet_id = create_subnet(create_vpc(), "10.0.1.0/24");
  std::string instance_id =
      put_instance({{"SubnetId", subnet_id}, {"State", {{"Code", 16}, {"Name", "running"}}}});
  expect_error("DeleteSubnet", "SubnetId=" + subnet_id, "DependencyViolation");
  put_instance({{"InstanceId", instance_id},
                {"SubnetId", subnet_id},
                {"State", {{"Code", 48}, {"Name", "terminated"}}}});
  ok("DeleteSubnet", "SubnetId=" + subnet_id);
  expect_error("DeleteSubnet", "SubnetId=" + subnet_id, "InvalidSubnetID.NotFound");
}

TEST_F(SubnetTest, DeleteSubnetDropsItsRouteTableAssociation) {
  std::string vpc_id = create_vpc();
  std::string subnet_id = create_subnet(vpc_id, "10.0.1.0/24");
  std::string table_id =
      aws::xml::text(ok("CreateRouteTable", "VpcId=" + vpc_id), "routeTable/routeTableId");
  ok("AssociateRouteTable", "RouteTableId=" + table_id + "&SubnetId=" + subnet_id);
  ok("DeleteSubnet", "SubnetId=" + subnet_id);
  ok("DeleteRouteTable", "RouteTableId=" + table_id);
}

TEST_F(SubnetTest, MutatingSubnetCallsAnswerDryRun) {
  std::string vpc_id = create_vpc();
  expect_dry_run("CreateSubnet", "VpcId=" + vpc_id + "&CidrBlock=10.0.1.0%2F24");
  EXPECT_EQ(count("subnet"), 0u);
  std::string subnet_id = create_subnet(vpc_id, "10.0.1.0/24");
  expect_dry_run("ModifySubnetAttribute",
                 "SubnetId=" + subnet_id + "&MapPublicIpOnLaunch.Value=true");
  expect_dry_run("DeleteSubnet", "SubnetId=" + subnet_id);
  EXPECT_FALSE(document("subnet", subnet_id)->at("MapPublicIpOnLaunch").get<bool>());
}

}  // namespace
}  // namespace spawn::localcloud::network_testing
