// Internet gateways and route tables: attachments, routes and associations.
#include "aws/ec2_parse.hpp"
#include "ec2_network_fixture.hpp"

namespace spawn::localcloud::network_testing {
namespace {

using aws::parse_items;
using GatewayTest = Ec2NetworkTest;

std::string attach_body(std::string_view gateway_id, std::string_view vpc_id) {
  return "InternetGatewayId=" + std::string(gateway_id) + "&VpcId=" + std::string(vpc_id);
}

TEST_F(GatewayTest, CreateAttachDescribeDetachDelete) {
  aws::InternetGateway created = aws::parse_internet_gateway(aws::xml::child(
      ok("CreateInternetGateway",
         "TagSpecification.1.ResourceType=internet-gateway&TagSpecification.1.Tag.1.Key=Name"
         "&TagSpecification.1.Tag.1.Value=gw"),
      "internetGateway"));
  EXPECT_TRUE(created.internet_gateway_id.starts_with("igw-"));
  EXPECT_TRUE(created.attachments.empty());
  ASSERT_EQ(created.tags.size(), 1u);

  std::string vpc_id = create_vpc();
  ok("AttachInternetGateway", attach_body(created.internet_gateway_id, vpc_id));
  auto attached = parse_items(
      ok("DescribeInternetGateways", "Filter.1.Name=attachment.vpc-id&Filter.1.Value.1=" + vpc_id),
      "internetGatewaySet", aws::parse_internet_gateway);
  ASSERT_EQ(attached.size(), 1u);
  ASSERT_EQ(attached[0].attachments.size(), 1u);
  EXPECT_EQ(attached[0].attachments[0].vpc_id, vpc_id);
  EXPECT_EQ(attached[0].attachments[0].state, "available");

  ok("DetachInternetGateway", attach_body(created.internet_gateway_id, vpc_id));
  ok("DeleteInternetGateway", "InternetGatewayId=" + created.internet_gateway_id);
  expect_error("DescribeInternetGateways", "InternetGatewayId.1=" + created.internet_gateway_id,
               "InvalidInternetGatewayID.NotFound");
}

TEST_F(GatewayTest, AttachmentErrors) {
  std::string vpc_id = create_vpc();
  std::string other_vpc = create_vpc("10.1.0.0/16");
  std::string gateway_id = create_gateway();
  ok("AttachInternetGateway", attach_body(gateway_id, vpc_id));
  expect_error("AttachInternetGateway", attach_body(gateway_id, other_vpc),
               "Resource.AlreadyAssociated");
  expect_error("AttachInternetGateway", attach_body(create_gateway(), vpc_id),
               "Resource.AlreadyAssociated");
  expect_error("DetachInternetGateway", attach_body(gateway_id, other_vpc), "Gateway.NotAttached");
  expect_error("DeleteInternetGateway", "InternetGatewayId=" + gateway_id, "DependencyViolation");
  expect_error("AttachInternetGateway", attach_body("igw-0000000000000000f", vpc_id),
               "InvalidInternetGatewayID.NotFound");
  expect_error("AttachInternetGateway", attach_body(gateway_id, "vpc-0000000000000000f"),
               "InvalidVpcID.NotFound");
}

TEST_F(GatewayTest, DetachIsRefusedWhileInstancesHoldPublicAddresses) {
  std::string vpc_id = create_vpc();
  std::string gateway_id = create_gateway();
  ok("AttachInternetGateway", attach_body(gateway_id, vpc_id));
  put_instance({{"VpcId", vpc_id},
                {"PublicIpAddress", "127.0.10.5"},
                {"State", {{"Code", 16}, {"Name", "running"}}}});
  expect_error("DetachInternetGateway", attach_body(gateway_id, vpc_id), "DependencyViolation");
}

TEST_F(GatewayTest, RoutesToAnAttachedGateway) {
  std::string vpc_id = create_vpc();
  std::string gateway_id = create_gateway();
  std::string table_id =
      aws::xml::text(ok("CreateRouteTable",
                        "VpcId=" + vpc_id +
                            "&TagSpecification.1.ResourceType=route-table"
                            "&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=rt"),
                     "routeTable/routeTableId");
  std::string route =
      "RouteTableId=" + table_id + "&DestinationCidrBlock=0.0.0.0%2F0&GatewayId=" + gateway_id;
  expect_error("CreateRoute", route, "InvalidParameterValue");  // not attached to the VPC yet
  ok("AttachInternetGateway", attach_body(gateway_id, vpc_id));
  ok("CreateRoute", route);
  expect_error("CreateRoute", route, "RouteAlreadyExists");
  expect_error("CreateRoute",
               "RouteTableId=" + table_id +
                   "&DestinationCidrBlock=10.9.0.0%2F16&GatewayId=igw-0000000000000000f",
               "InvalidGatewayID.NotFound");
  expect_error(
      "CreateRoute",
      "RouteTableId=rtb-0000000000000000f&DestinationCidrBlock=0.0.0.0%2F0&GatewayId=" + gateway_id,
      "InvalidRouteTableID.NotFound");

  auto tables = parse_items(ok("DescribeRouteTables", "RouteTableId.1=" + table_id),
                            "routeTableSet", aws::parse_route_table);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].routes.size(), 2u);
  EXPECT_EQ(tables[0].routes[1].destination_cidr_block, "0.0.0.0/0");
  EXPECT_EQ(tables[0].routes[1].gateway_id, gateway_id);
  EXPECT_EQ(tables[0].routes[1].state, "active");
  EXPECT_EQ(tables[0].routes[1].origin, "CreateRoute");
  ASSERT_EQ(tables[0].tags.size(), 1u);

  ok("DetachInternetGateway", attach_body(gateway_id, vpc_id));
  auto after_detach = parse_items(ok("DescribeRouteTables", "RouteTableId.1=" + table_id),
                                  "routeTableSet", aws::parse_route_table);
  EXPECT_EQ(after_detach[0].routes[1].state, "blackhole");

  ok("DeleteRoute", "RouteTableId=" + table_id + "&DestinationCidrBlock=0.0.0.0%2F0");
  expect_error("DeleteRoute", "RouteTableId=" + table_id + "&DestinationCidrBlock=0.0.0.0%2F0",
               "InvalidRoute.NotFound");
  expect_error("DeleteRoute", "RouteTableId=" + table_id + "&DestinationCidrBlock=10.0.0.0%2F16",
               "InvalidParameterValue");
}

TEST_F(GatewayTest, AssociationsTieSubnetsToTables) {
  std::string vpc_id = create_vpc();
  std::string subnet_id = create_subnet(vpc_id, "10.0.1.0/24");
  std::string table_id =
      aws::xml::text(ok("CreateRouteTable", "VpcId=" + vpc_id), "routeTable/routeTableId");
  std::string association_id = aws::xml::text(
      ok("AssociateRouteTable", "RouteTableId=" + table_id + "&SubnetId=" + subnet_id),
      "associationId");
  EXPECT_TRUE(association_id.starts_with("rtbassoc-"));
  expect_error("AssociateRouteTable", "RouteTableId=" + table_id + "&SubnetId=" + subnet_id,
               "Resource.AlreadyAssociated");
  auto by_subnet =
      parse_items(ok("DescribeRouteTables",
                     "Filter.1.Name=association.subnet-id&Filter.1.Value.1=" + subnet_id),
                  "routeTableSet", aws::parse_route_table);
  ASSERT_EQ(by_subnet.size(), 1u);
  EXPECT_EQ(by_subnet[0].associations[0].association_id, association_id);
  EXPECT_FALSE(by_subnet[0].associations[0].main);

  expect_error("DeleteRouteTable", "RouteTableId=" + table_id, "DependencyViolation");
  ok("DisassociateRouteTable", "AssociationId=" + association_id);
  expect_error("DisassociateRouteTable", "AssociationId=" + association_id,
               "InvalidAssociationID.NotFound");
  ok("DeleteRouteTable", "RouteTableId=" + table_id);

  std::string other_vpc_table = aws::xml::text(
      ok("CreateRouteTable", "VpcId=" + create_vpc("10.1.0.0/16")), "routeTable/routeTableId");
  expect_error("AssociateRouteTable", "RouteTableId=" + other_vpc_table + "&SubnetId=" + subnet_id,
               "InvalidParameterValue");
}

TEST_F(GatewayTest, TheMainRouteTableStaysWithItsVpc) {
  std::string vpc_id = create_vpc();
  auto tables = parse_items(
      ok("DescribeRouteTables", "Filter.1.Name=vpc-id&Filter.1.Value.1=" + vpc_id +
                                    "&Filter.2.Name=association.main&Filter.2.Value.1=true"),
      "routeTableSet", aws::parse_route_table);
  ASSERT_EQ(tables.size(), 1u);
  expect_error("DeleteRouteTable", "RouteTableId=" + tables[0].route_table_id,
               "DependencyViolation");
  expect_error("DisassociateRouteTable",
               "AssociationId=" + tables[0].associations[0].association_id,
               "InvalidParameterValue");
}

TEST_F(GatewayTest, MutatingGatewayAndRouteCallsAnswerDryRun) {
  std::string vpc_id = create_vpc();
  expect_dry_run("CreateInternetGateway", "");
  std::string gateway_id = create_gateway();
  expect_dry_run("AttachInternetGateway", attach_body(gateway_id, vpc_id));
  ok("AttachInternetGateway", attach_body(gateway_id, vpc_id));
  expect_dry_run("DetachInternetGateway", attach_body(gateway_id, vpc_id));
  expect_dry_run("CreateRouteTable", "VpcId=" + vpc_id);
  std::string table_id =
      aws::xml::text(ok("CreateRouteTable", "VpcId=" + vpc_id), "routeTable/routeTableId");
  std::string route =
      "RouteTableId=" + table_id + "&DestinationCidrBlock=0.0.0.0%2F0&GatewayId=" + gateway_id;
  expect_dry_run("CreateRoute", route);
  ok("CreateRoute", route);
  expect_dry_run("DeleteRoute", "RouteTableId=" + table_id + "&DestinationCidrBlock=0.0.0.0%2F0");
  std::string subnet_id = create_subnet(vpc_id, "10.0.1.0/24");
  expect_dry_run("AssociateRouteTable", "RouteTableId=" + table_id + "&SubnetId=" + subnet_id);
  std::string association_id = aws::xml::text(
      ok("AssociateRouteTable", "RouteTableId=" + table_id + "&SubnetId=" + subnet_id),
      "associationId");
  expect_dry_run("DisassociateRouteTable", "AssociationId=" + association_id);
  ok("DisassociateRouteTable", "AssociationId=" + association_id);
  expect_dry_run("DeleteRouteTable", "RouteTableId=" + table_id);
  ok("DetachInternetGateway", attach_body(gateway_id, vpc_id));
  expect_dry_run("DeleteInternetGateway", "InternetGatewayId=" + gateway_id);
  EXPECT_EQ(count("internet-gateway"), 1u);
  EXPECT_TRUE(document("route-table", table_id).has_value());
}

}  // namespace
}  // namespace spawn::localcloud::network_testing
