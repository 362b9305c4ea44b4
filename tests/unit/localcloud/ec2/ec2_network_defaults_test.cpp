// The default network: what a fresh account has in every region, made once.
#include "localcloud/services/ec2/ec2_network_defaults.hpp"

#include "aws/ec2_parse.hpp"
#include "ec2_network_fixture.hpp"

namespace spawn::localcloud::network_testing {
namespace {

using aws::parse_items;
using DefaultNetworkTest = Ec2NetworkTest;

std::expected<DefaultNetwork, ApiError> ensure(ResourceStore& store, const Ec2Context& context,
                                               std::string_view region) {
  return store.write([&](Transaction& transaction) {
    return ensure_default_network(transaction, context, region);
  });
}

TEST_F(DefaultNetworkTest, LooksLikeAFreshAccount) {
  auto network = ensure(*store_, *context_, "us-east-1");
  ASSERT_TRUE(network.has_value()) << network.error().message;
  auto vpcs =
      parse_items(ok("DescribeVpcs", "VpcId.1=" + network->vpc_id), "vpcSet", aws::parse_vpc);
  ASSERT_EQ(vpcs.size(), 1u);
  EXPECT_TRUE(vpcs[0].is_default);
  EXPECT_EQ(vpcs[0].cidr_block, "172.31.0.0/16");

  ASSERT_EQ(network->subnet_by_zone.size(), 6u);
  auto subnets =
      parse_items(ok("DescribeSubnets", "Filter.1.Name=vpc-id&Filter.1.Value.1=" + network->vpc_id),
                  "subnetSet", aws::parse_subnet);
  ASSERT_EQ(subnets.size(), 6u);
  for (const auto& subnet : subnets) {
    EXPECT_TRUE(subnet.default_for_az);
    EXPECT_TRUE(subnet.map_public_ip_on_launch);
    EXPECT_EQ(subnet.available_ip_address_count, 4091);
    EXPECT_EQ(network->subnet_by_zone.at(subnet.availability_zone), subnet.subnet_id);
  }
  EXPECT_EQ(document("subnet", network->subnet_by_zone.at("us-east-1a"))->at("CidrBlock"),
            "172.31.0.0/20");
  EXPECT_EQ(document("subnet", network->subnet_by_zone.at("us-east-1b"))->at("CidrBlock"),
            "172.31.16.0/20");

  auto gateways =
      parse_items(ok("DescribeInternetGateways",
                     "Filter.1.Name=attachment.vpc-id&Filter.1.Value.1=" + network->vpc_id),
                  "internetGatewaySet", aws::parse_internet_gateway);
  ASSERT_EQ(gateways.size(), 1u);
  auto tables = parse_items(
      ok("DescribeRouteTables", "Filter.1.Name=vpc-id&Filter.1.Value.1=" + network->vpc_id),
      "routeTableSet", aws::parse_route_table);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].routes.size(), 2u);
  EXPECT_EQ(tables[0].routes[1].destination_cidr_block, "0.0.0.0/0");
  EXPECT_EQ(tables[0].routes[1].gateway_id, gateways[0].internet_gateway_id);

  auto groups = parse_items(ok("DescribeSecurityGroups", "GroupId.1=" + network->security_group_id),
                            "securityGroupInfo", aws::parse_security_group);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].group_name, "default");
  EXPECT_EQ(groups[0].vpc_id, network->vpc_id);
}

TEST_F(DefaultNetworkTest, IsMadeOnceAndReused) {
  auto first = ensure(*store_, *context_, "us-east-1");
  auto second = ensure(*store_, *context_, "us-east-1");
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->vpc_id, second->vpc_id);
  EXPECT_EQ(first->subnet_by_zone, second->subnet_by_zone);
  ok("DescribeVpcs", "");
  EXPECT_EQ(count("vpc"), 1u);
  EXPECT_EQ(count("internet-gateway"), 1u);
}

TEST_F(DefaultNetworkTest, EveryRegionHasItsOwn) {
  auto east = parse_items(ok("DescribeVpcs", "Filter.1.Name=is-default&Filter.1.Value.1=true"),
                          "vpcSet", aws::parse_vpc);
  auto west =
      parse_items(ok("DescribeVpcs", "Filter.1.Name=is-default&Filter.1.Value.1=true", "eu-west-1"),
                  "vpcSet", aws::parse_vpc);
  ASSERT_EQ(east.size(), 1u);
  ASSERT_EQ(west.size(), 1u);
  EXPECT_NE(east[0].vpc_id, west[0].vpc_id);
  auto west_network = ensure(*store_, *context_, "eu-west-1");
  ASSERT_TRUE(west_network.has_value());
  EXPECT_EQ(west_network->vpc_id, west[0].vpc_id);
  EXPECT_EQ(west_network->subnet_by_zone.size(), 3u);
  EXPECT_EQ(count("vpc", "eu-west-1"), 1u);
}

TEST_F(DefaultNetworkTest, ADeletedDefaultVpcStaysDeleted) {
  auto network = ensure(*store_, *context_, "us-east-1");
  ASSERT_TRUE(network.has_value());
  expect_error("DeleteVpc", "VpcId=" + network->vpc_id, "DependencyViolation");
  for (const auto& [zone, subnet_id] : network->subnet_by_zone)
    ok("DeleteSubnet", "SubnetId=" + subnet_id);
  auto gateway_id = aws::xml::text(ok("DescribeInternetGateways", ""),
                                   "internetGatewaySet/item/internetGatewayId");
  ok("DetachInternetGateway", "InternetGatewayId=" + gateway_id + "&VpcId=" + network->vpc_id);
  ok("DeleteVpc", "VpcId=" + network->vpc_id);

  auto again = ensure(*store_, *context_, "us-east-1");
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "VPCIdNotSpecified");
  EXPECT_TRUE(parse_items(ok("DescribeVpcs", ""), "vpcSet", aws::parse_vpc).empty());
  expect_error("CreateSecurityGroup", "GroupName=web&GroupDescription=web", "VPCIdNotSpecified");
}

class NoDefaultVpcTest : public Ec2NetworkTest {
 protected:
  NoDefaultVpcTest() : Ec2NetworkTest(DefaultVpc::no) {}
};

TEST_F(NoDefaultVpcTest, AnswersVpcIdNotSpecified) {
  auto network = ensure(*store_, *context_, "us-east-1");
  ASSERT_FALSE(network.has_value());
  EXPECT_EQ(network.error().code, "VPCIdNotSpecified");
  EXPECT_EQ(network.error().message, "No default VPC for this user");
  EXPECT_TRUE(parse_items(ok("DescribeVpcs", ""), "vpcSet", aws::parse_vpc).empty());
  EXPECT_EQ(count("vpc"), 0u);
}

}  // namespace
}  // namespace spawn::localcloud::network_testing
