// The network answers (VPCs, subnets, gateways, route tables, security and
// placement groups) as a user sees them. No captured answers exist for these,
// so the XML is written from the model's locationNames.
#include <gtest/gtest.h>

#include "aws/ec2.hpp"
#include "ec2_test_support.hpp"

namespace spawn::aws {
namespace {

using spawn::testing::decoded_params;
using spawn::testing::Ec2TestClient;
using ::testing::Contains;
using ::testing::Pair;

constexpr const char* kVpcItem = R"(
  <vpcId>vpc-0a1b</vpcId><state>available</state><cidrBlock>10.0.0.0/16</cidrBlock>
  <ownerId>123456789012</ownerId><isDefault>false</isDefault>
  <tagSet><item><key>spawn:managed</key><value>true</value></item></tagSet>)";

TEST(Ec2NetworkTest, CreateVpcAnswersTheTaggedVpc) {
  Ec2TestClient fake;
  fake.answer("CreateVpc", std::string("<vpc>") + kVpcItem + "</vpc>");

  auto vpc = fake.ec2.create_vpc({"10.0.0.0/16", {{"vpc", {{"spawn:managed", "true"}}}}});

  ASSERT_TRUE(vpc) << vpc.error().message;
  EXPECT_EQ(vpc->vpc_id, "vpc-0a1b");
  EXPECT_EQ(vpc->cidr_block, "10.0.0.0/16");
  EXPECT_EQ(vpc->state, "available");
  EXPECT_FALSE(vpc->is_default);
  EXPECT_EQ(tag_value(vpc->tags, "spawn:managed"), "true");
  auto sent = decoded_params(fake.only_request().body);
  EXPECT_THAT(sent, Contains(Pair("CidrBlock", "10.0.0.0/16")));
  EXPECT_THAT(sent, Contains(Pair("TagSpecification.1.Tag.1.Key", "spawn:managed")));
}

TEST(Ec2NetworkTest, DescribeVpcsListsVpcs) {
  Ec2TestClient fake;
  fake.answer("DescribeVpcs", std::string("<vpcSet><item>") + kVpcItem +
                                  "</item><item><vpcId>vpc-def</vpcId><isDefault>true</isDefault>"
                                  "</item></vpcSet>");

  auto page = fake.ec2.describe_vpcs({});

  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].owner_id, "123456789012");
  EXPECT_TRUE(page->items[1].is_default);
}

TEST(Ec2NetworkTest, SubnetsShowZoneAndPublicIpSetting) {
  Ec2TestClient fake;
  fake.answer("CreateSubnet", R"(<subnet><subnetId>subnet-1</subnetId><state>pending</state>
    <vpcId>vpc-0a1b</vpcId><cidrBlock>10.0.1.0/24</cidrBlock>
    <availableIpAddressCount>251</availableIpAddressCount>
    <availabilityZone>us-east-1a</availabilityZone><defaultForAz>false</defaultForAz>
    <mapPublicIpOnLaunch>false</mapPublicIpOnLaunch></subnet>)");
  fake.answer("DescribeSubnets", R"(<subnetSet><item><subnetId>subnet-1</subnetId>
    <mapPublicIpOnLaunch>true</mapPublicIpOnLaunch></item></subnetSet>)");

  auto created = fake.ec2.create_subnet({"vpc-0a1b", "10.0.1.0/24", "us-east-1a", {}});
  auto listed = fake.ec2.describe_subnets({{"subnet-1"}});

  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->subnet_id, "subnet-1");
  EXPECT_EQ(created->availability_zone, "us-east-1a");
  EXPECT_EQ(created->available_ip_address_count, 251);
  EXPECT_FALSE(created->map_public_ip_on_launch);
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_TRUE(listed->items[0].map_public_ip_on_launch);
  EXPECT_THAT(decoded_params(fake.transport.requests[0].body),
              Contains(Pair("AvailabilityZone", "us-east-1a")));
}

TEST(Ec2NetworkTest, InternetGatewaysShowAttachments) {
  Ec2TestClient fake;
  fake.answer("CreateInternetGateway",
              "<internetGateway><internetGatewayId>igw-1</internetGatewayId><attachmentSet/>"
              "</internetGateway>");
  fake.answer("AttachInternetGateway", "<return>true</return>");
  fake.answer("DescribeInternetGateways",
              "<internetGatewaySet><item><internetGatewayId>igw-1</internetGatewayId>"
              "<attachmentSet><item><vpcId>vpc-0a1b</vpcId><state>available</state></item>"
              "</attachmentSet></item></internetGatewaySet>");

  auto created = fake.ec2.create_internet_gateway({});
  auto attached = fake.ec2.attach_internet_gateway("igw-1", "vpc-0a1b");
  auto listed = fake.ec2.describe_internet_gateways({{"igw-1"}});

  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->internet_gateway_id, "igw-1");
  EXPECT_TRUE(created->attachments.empty());
  EXPECT_TRUE(attached);
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->items[0].attachments.size(), 1u);
  EXPECT_EQ(listed->items[0].attachments[0].vpc_id, "vpc-0a1b");
  EXPECT_EQ(listed->items[0].attachments[0].state, "available");
  auto attach = decoded_params(fake.transport.requests[1].body);
  EXPECT_THAT(attach, Contains(Pair("InternetGatewayId", "igw-1")));
  EXPECT_THAT(attach, Contains(Pair("VpcId", "vpc-0a1b")));
}

TEST(Ec2NetworkTest, RouteTablesShowRoutesAndAssociations) {
  Ec2TestClient fake;
  fake.answer("DescribeRouteTables", R"(<routeTableSet><item>
    <routeTableId>rtb-1</routeTableId><vpcId>vpc-0a1b</vpcId>
    <routeSet>
      <item><destinationCidrBlock>10.0.0.0/16</destinationCidrBlock><gatewayId>local</gatewayId>
        <state>active</state><origin>CreateRouteTable</origin></item>
      <item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock><gatewayId>igw-1</gatewayId>
        <state>active</state><origin>CreateRoute</origin></item>
    </routeSet>
    <associationSet><item><routeTableAssociationId>rtbassoc-1</routeTableAssociationId>
      <routeTableId>rtb-1</routeTableId><subnetId>subnet-1</subnetId><main>false</main></item>
    </associationSet><tagSet/></item></routeTableSet>)");
  fake.answer("AssociateRouteTable", "<associationId>rtbassoc-2</associationId>");
  fake.answer("CreateRoute", "<return>true</return>");

  auto page = fake.ec2.describe_route_tables({});
  auto association = fake.ec2.associate_route_table("rtb-1", "subnet-2");
  auto route = fake.ec2.create_route({"rtb-1", "0.0.0.0/0", "igw-1"});

  ASSERT_TRUE(page) << page.error().message;
  const RouteTable& table = page->items.at(0);
  ASSERT_EQ(table.routes.size(), 2u);
  EXPECT_EQ(table.routes[1].destination_cidr_block, "0.0.0.0/0");
  EXPECT_EQ(table.routes[1].gateway_id, "igw-1");
  ASSERT_EQ(table.associations.size(), 1u);
  EXPECT_EQ(table.associations[0].subnet_id, "subnet-1");
  ASSERT_TRUE(association);
  EXPECT_EQ(*association, "rtbassoc-2");
  EXPECT_TRUE(route);
  EXPECT_THAT(decoded_params(fake.transport.requests[2].body),
              Contains(Pair("DestinationCidrBlock", "0.0.0.0/0")));
}

TEST(Ec2NetworkTest, SecurityGroupsShowIngressRules) {
  Ec2TestClient fake;
  fake.answer("DescribeSecurityGroups", R"(<securityGroupInfo><item>
    <ownerId>123456789012</ownerId><groupId>sg-1</groupId><groupName>spawn-ssh</groupName>
    <groupDescription>SSH for spawn</groupDescription><vpcId>vpc-0a1b</vpcId>
    <ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort>
      <groups/><ipRanges><item><cidrIp>203.0.113.0/24</cidrIp>
      <description>office</description></item></ipRanges></item></ipPermissions>
    <ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><ipRanges><item>
      <cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissionsEgress>
    </item></securityGroupInfo>)");

  auto page = fake.ec2.describe_security_groups({{"sg-1"}});

  ASSERT_TRUE(page) << page.error().message;
  const SecurityGroup& group = page->items.at(0);
  EXPECT_EQ(group.group_name, "spawn-ssh");
  EXPECT_EQ(group.description, "SSH for spawn");
  EXPECT_EQ(group.vpc_id, "vpc-0a1b");
  ASSERT_EQ(group.ingress.size(), 1u);
  EXPECT_EQ(group.ingress[0].ip_protocol, "tcp");
  EXPECT_EQ(group.ingress[0].from_port, 22);
  EXPECT_EQ(group.ingress[0].to_port, 22);
  ASSERT_EQ(group.ingress[0].ip_ranges.size(), 1u);
  EXPECT_EQ(group.ingress[0].ip_ranges[0].cidr_ip, "203.0.113.0/24");
  EXPECT_EQ(group.ingress[0].ip_ranges[0].description, "office");
  ASSERT_EQ(group.egress.size(), 1u);
  EXPECT_FALSE(group.egress[0].from_port.has_value());
}

TEST(Ec2NetworkTest, PlacementGroupsShowStrategyAndState) {
  Ec2TestClient fake;
  fake.answer("CreatePlacementGroup",
              "<placementGroup><groupName>spawn-mpi</groupName><state>available</state>"
              "<strategy>cluster</strategy><groupId>pg-1</groupId></placementGroup>");
  fake.answer("DescribePlacementGroups",
              "<placementGroupSet><item><groupName>spawn-mpi</groupName><state>available</state>"
              "<strategy>cluster</strategy></item></placementGroupSet>");

  auto created = fake.ec2.create_placement_group({"spawn-mpi", "cluster", std::nullopt, {}});
  auto listed = fake.ec2.describe_placement_groups({{"spawn-mpi"}});

  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->group_id, "pg-1");
  EXPECT_EQ(created->strategy, "cluster");
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].state, "available");
  EXPECT_THAT(decoded_params(fake.transport.requests[1].body),
              Contains(Pair("GroupName.1", "spawn-mpi")));
}

TEST(Ec2NetworkTest, DeletesNameTheResource) {
  Ec2TestClient fake;
  for (const char* action : {"DeleteRouteTable", "DetachInternetGateway", "DeleteInternetGateway",
                             "DeleteSubnet", "DeleteSecurityGroup", "DeleteVpc"})
    fake.answer(action, "<return>true</return>");

  EXPECT_TRUE(fake.ec2.delete_route_table("rtb-1"));
  EXPECT_TRUE(fake.ec2.detach_internet_gateway("igw-1", "vpc-1"));
  EXPECT_TRUE(fake.ec2.delete_internet_gateway("igw-1"));
  EXPECT_TRUE(fake.ec2.delete_subnet("subnet-1"));
  EXPECT_TRUE(fake.ec2.delete_security_group("sg-1"));
  EXPECT_TRUE(fake.ec2.delete_vpc("vpc-1"));

  const auto& sent = fake.transport.requests;
  ASSERT_EQ(sent.size(), 6u);
  EXPECT_THAT(decoded_params(sent[0].body), Contains(Pair("RouteTableId", "rtb-1")));
  EXPECT_THAT(decoded_params(sent[1].body), Contains(Pair("VpcId", "vpc-1")));
  EXPECT_THAT(decoded_params(sent[2].body), Contains(Pair("Action", "DeleteInternetGateway")));
  EXPECT_THAT(decoded_params(sent[3].body), Contains(Pair("SubnetId", "subnet-1")));
  EXPECT_THAT(decoded_params(sent[4].body), Contains(Pair("GroupId", "sg-1")));
  EXPECT_THAT(decoded_params(sent[5].body), Contains(Pair("VpcId", "vpc-1")));
}

}  // namespace
}  // namespace spawn::aws
