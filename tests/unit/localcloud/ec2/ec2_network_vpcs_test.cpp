// VPCs: creation with what AWS makes alongside, describe, delete rules, attributes.
#include "aws/ec2_parse.hpp"
#include "ec2_network_fixture.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud::network_testing {
namespace {

using aws::parse_items;
using VpcTest = Ec2NetworkTest;

std::vector<aws::Vpc> vpcs_of(pugi::xml_node root) {
  return parse_items(root, "vpcSet", aws::parse_vpc);
}

TEST_F(VpcTest, CreateVpcAnswersTheVpcWithItsTags) {
  aws::Vpc vpc = aws::parse_vpc(aws::xml::child(
      ok("CreateVpc",
         "CidrBlock=10.1.0.0%2F16&TagSpecification.1.ResourceType=vpc"
         "&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=launch-1"),
      "vpc"));
  EXPECT_TRUE(vpc.vpc_id.starts_with("vpc-"));
  EXPECT_EQ(vpc.cidr_block, "10.1.0.0/16");
  EXPECT_EQ(vpc.state, "available");
  EXPECT_FALSE(vpc.is_default);
  EXPECT_EQ(vpc.owner_id, "123456789012");
  ASSERT_EQ(vpc.tags.size(), 1u);
  EXPECT_EQ(vpc.tags[0].key, "Name");
  EXPECT_EQ(vpc.tags[0].value, "launch-1");
}

TEST_F(VpcTest, CreateVpcMakesMainRouteTableAndDefaultGroup) {
  std::string vpc_id = create_vpc();
  auto tables =
      parse_items(ok("DescribeRouteTables", "Filter.1.Name=vpc-id&Filter.1.Value.1=" + vpc_id),
                  "routeTableSet", aws::parse_route_table);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].associations.size(), 1u);
  EXPECT_TRUE(tables[0].associations[0].main);
  ASSERT_EQ(tables[0].routes.size(), 1u);
  EXPECT_EQ(tables[0].routes[0].destination_cidr_block, "10.0.0.0/16");
  EXPECT_EQ(tables[0].routes[0].gateway_id, "local");

  auto groups =
      parse_items(ok("DescribeSecurityGroups", "Filter.1.Name=vpc-id&Filter.1.Value.1=" + vpc_id),
                  "securityGroupInfo", aws::parse_security_group);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].group_name, "default");
  ASSERT_EQ(groups[0].egress.size(), 1u);
  EXPECT_EQ(groups[0].egress[0].ip_protocol, "-1");
  EXPECT_EQ(document("vpc", vpc_id)->at("DefaultNetworkAclId").get<std::string>().substr(0, 4),
            "acl-");
}

TEST_F(VpcTest, CreateVpcValidatesTheCidrBlock) {
  expect_error("CreateVpc", "", "MissingParameter");
  expect_error("CreateVpc", "CidrBlock=10.0.0.0", "InvalidParameterValue");
  expect_error("CreateVpc", "CidrBlock=10.0.0.1%2F16", "InvalidParameterValue");
  expect_error("CreateVpc", "CidrBlock=10.0.0.0%2F8", "InvalidVpc.Range");
  expect_error("CreateVpc", "CidrBlock=10.0.0.0%2F29", "InvalidVpc.Range");
  expect_error("CreateVpc",
               "CidrBlock=10.0.0.0%2F16&TagSpecification.1.ResourceType=subnet"
               "&TagSpecification.1.Tag.1.Key=a&TagSpecification.1.Tag.1.Value=b",
               "InvalidParameterValue");
  EXPECT_EQ(count("vpc"), 0u);
}

TEST_F(VpcTest, DescribeVpcsByIdAndFilter) {
  std::string first = create_vpc("10.0.0.0/16");
  std::string second = create_vpc("10.1.0.0/16");
  auto by_id = vpcs_of(ok("DescribeVpcs", "VpcId.1=" + second));
  ASSERT_EQ(by_id.size(), 1u);
  EXPECT_EQ(by_id[0].vpc_id, second);
  auto by_cidr = vpcs_of(ok("DescribeVpcs", "Filter.1.Name=cidr&Filter.1.Value.1=10.0.*"));
  ASSERT_EQ(by_cidr.size(), 1u);
  EXPECT_EQ(by_cidr[0].vpc_id, first);
  auto not_default = vpcs_of(ok("DescribeVpcs", "Filter.1.Name=is-default&Filter.1.Value.1=false"));
  EXPECT_EQ(not_default.size(), 2u);
  expect_error("DescribeVpcs", "VpcId.1=vpc-0000000000000000f", "InvalidVpcID.NotFound");
}

TEST_F(VpcTest, DescribeVpcsFiltersByTag) {
  ok("CreateVpc",
     "CidrBlock=10.2.0.0%2F16&TagSpecification.1.ResourceType=vpc"
     "&TagSpecification.1.Tag.1.Key=spawn%3Alaunch&TagSpecification.1.Tag.1.Value=abc");
  create_vpc("10.3.0.0/16");
  auto tagged =
      vpcs_of(ok("DescribeVpcs", "Filter.1.Name=tag%3Aspawn%3Alaunch&Filter.1.Value.1=abc"));
  ASSERT_EQ(tagged.size(), 1u);
  EXPECT_EQ(tagged[0].cidr_block, "10.2.0.0/16");
}

TEST_F(VpcTest, DescribeVpcsPages) {
  for (int i = 0; i < 7; ++i)
    create_vpc("10." + std::to_string(i) + ".0.0/16");
  auto first = aws::parse_page(ok("DescribeVpcs", "MaxResults=5"), "vpcSet", aws::parse_vpc);
  EXPECT_EQ(first.items.size(), 5u);
  ASSERT_FALSE(first.next_token.empty());
  auto second =
      aws::parse_page(ok("DescribeVpcs", "MaxResults=5&NextToken=" + form_encode(first.next_token)),
                      "vpcSet", aws::parse_vpc);
  EXPECT_EQ(second.items.size(), 3u);  // and the default VPC
  EXPECT_TRUE(second.next_token.empty());
}

TEST_F(VpcTest, DeleteVpcTakesItsDefaultGroupAndMainTable) {
  std::string vpc_id = create_vpc();
  std::size_t groups = count("security-group");
  std::size_t tables = count("route-table");
  ok("DeleteVpc", "VpcId=" + vpc_id);
  EXPECT_FALSE(document("vpc", vpc_id).has_value());
  EXPECT_EQ(count("security-group"), groups - 1);
  EXPECT_EQ(count("route-table"), tables - 1);
  expect_error("DeleteVpc", "VpcId=" + vpc_id, "InvalidVpcID.NotFound");
}

TEST_F(VpcTest, DeleteVpcWithASubnetIsADependencyViolation) {
  std::string vpc_id = create_vpc();
  std::string subnet_id = create_subnet(vpc_id, "10.0.1.0/24");
  expect_error("DeleteVpc", "VpcId=" + vpc_id, "DependencyViolation");
  ok("DeleteSubnet", "SubnetId=" + subnet_id);
  ok("DeleteVpc", "VpcId=" + vpc_id);
}

TEST_F(VpcTest, DeleteVpcWithAnAttachedGatewayIsADependencyViolation) {
  std::string vpc_id = create_vpc();
  std::string gateway_id = create_gateway();
  ok("AttachInternetGateway", "InternetGatewayId=" + gateway_id + "&VpcId=" + vpc_id);
  expect_error("DeleteVpc", "VpcId=" + vpc_id, "DependencyViolation");
  ok("DetachInternetGateway", "InternetGatewayId=" + gateway_id + "&VpcId=" + vpc_id);
  ok("DeleteVpc", "VpcId=" + vpc_id);
}

TEST_F(VpcTest, DeleteVpcWithAGroupOrARouteTableIsADependencyViolation) {
  std::string vpc_id = create_vpc();
  std::string group_id = create_group("web", vpc_id);
  expect_error("DeleteVpc", "VpcId=" + vpc_id, "DependencyViolation");
  ok("DeleteSecurityGroup", "GroupId=" + group_id);
  std::string table_id =
      aws::xml::text(ok("CreateRouteTable", "VpcId=" + vpc_id), "routeTable/routeTableId");
  expect_error("DeleteVpc", "VpcId=" + vpc_id, "DependencyViolation");
  ok("DeleteRouteTable", "RouteTableId=" + table_id);
  ok("DeleteVpc", "VpcId=" + vpc_id);
}

TEST_F(VpcTest, ModifyAndDescribeVpcAttributes) {
  std::string vpc_id = create_vpc();
  auto attribute = [&](std::string_view name) {
    return aws::xml::text(
        ok("DescribeVpcAttribute", "VpcId=" + vpc_id + "&Attribute=" + std::string(name)),
        std::string(name) + "/value");
  };
  EXPECT_EQ(attribute("enableDnsSupport"), "true");
  EXPECT_EQ(attribute("enableDnsHostnames"), "false");
  ok("ModifyVpcAttribute", "VpcId=" + vpc_id + "&EnableDnsHostnames.Value=true");
  EXPECT_EQ(attribute("enableDnsHostnames"), "true");
  ok("ModifyVpcAttribute", "VpcId=" + vpc_id + "&EnableDnsSupport.Value=false");
  EXPECT_EQ(attribute("enableDnsSupport"), "false");
  expect_error("ModifyVpcAttribute", "VpcId=" + vpc_id, "MissingParameter");
  expect_error("ModifyVpcAttribute",
               "VpcId=" + vpc_id + "&EnableDnsSupport.Value=true&EnableDnsHostnames.Value=true",
               "InvalidParameterCombination");
  expect_error("ModifyVpcAttribute", "VpcId=vpc-0000000000000000f&EnableDnsSupport.Value=true",
               "InvalidVpcID.NotFound");
}

TEST_F(VpcTest, MutatingVpcCallsAnswerDryRun) {
  expect_dry_run("CreateVpc", "CidrBlock=10.0.0.0%2F16");
  EXPECT_EQ(count("vpc"), 0u);
  std::string vpc_id = create_vpc();
  expect_dry_run("DeleteVpc", "VpcId=" + vpc_id);
  expect_dry_run("ModifyVpcAttribute", "VpcId=" + vpc_id + "&EnableDnsHostnames.Value=true");
  EXPECT_TRUE(document("vpc", vpc_id).has_value());
  EXPECT_FALSE(document("vpc", vpc_id)->at("EnableDnsHostnames").get<bool>());
}

TEST_F(VpcTest, RegionsKeepTheirOwnVpcs) {
  std::string vpc_id = create_vpc("10.0.0.0/16", "eu-west-1");
  expect_error("DescribeVpcs", "VpcId.1=" + vpc_id, "InvalidVpcID.NotFound", "us-east-1");
  EXPECT_EQ(vpcs_of(ok("DescribeVpcs", "VpcId.1=" + vpc_id, "eu-west-1")).size(), 1u);
  expect_error("DeleteVpc", "VpcId=" + vpc_id, "InvalidVpcID.NotFound", "us-east-1");
}

}  // namespace
}  // namespace spawn::localcloud::network_testing
