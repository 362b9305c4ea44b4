// Parsers for the network answers: VPCs, subnets, internet gateways, route
// tables, security groups and placement groups.
#include "aws/ec2_parse.hpp"

namespace spawn::aws {

namespace {

IpRange parse_ip_range(pugi::xml_node item) {
  return {xml::text(item, "cidrIp"), xml::text(item, "description")};
}

std::optional<int> optional_int(pugi::xml_node parent, std::string_view path) {
  if (auto value = xml::integer(parent, path))
    return static_cast<int>(*value);
  return std::nullopt;
}

IpPermission parse_ip_permission(pugi::xml_node item) {
  return {xml::text(item, "ipProtocol"), optional_int(item, "fromPort"),
          optional_int(item, "toPort"), parse_items(item, "ipRanges", parse_ip_range)};
}

Route parse_route(pugi::xml_node item) {
  return {xml::text(item, "destinationCidrBlock"), xml::text(item, "gatewayId"),
          xml::text(item, "state"), xml::text(item, "origin")};
}

RouteTableAssociation parse_route_table_association(pugi::xml_node item) {
  return {xml::text(item, "routeTableAssociationId"), xml::text(item, "subnetId"),
          parse_flag(item, "main")};
}

InternetGatewayAttachment parse_attachment(pugi::xml_node item) {
  return {xml::text(item, "vpcId"), xml::text(item, "state")};
}

}  // namespace

Vpc parse_vpc(pugi::xml_node item) {
  return {xml::text(item, "vpcId"),      xml::text(item, "cidrBlock"), xml::text(item, "state"),
          parse_flag(item, "isDefault"), xml::text(item, "ownerId"),   parse_tag_set(item)};
}

Subnet parse_subnet(pugi::xml_node item) {
  Subnet subnet;
  subnet.subnet_id = xml::text(item, "subnetId");
  subnet.vpc_id = xml::text(item, "vpcId");
  subnet.cidr_block = xml::text(item, "cidrBlock");
  subnet.availability_zone = xml::text(item, "availabilityZone");
  subnet.state = xml::text(item, "state");
  subnet.map_public_ip_on_launch = parse_flag(item, "mapPublicIpOnLaunch");
  subnet.default_for_az = parse_flag(item, "defaultForAz");
  subnet.available_ip_address_count = parse_int(item, "availableIpAddressCount");
  subnet.tags = parse_tag_set(item);
  return subnet;
}

InternetGateway parse_internet_gateway(pugi::xml_node item) {
  return {xml::text(item, "internetGatewayId"),
          parse_items(item, "attachmentSet", parse_attachment), parse_tag_set(item)};
}

RouteTable parse_route_table(pugi::xml_node item) {
  return {xml::text(item, "routeTableId"), xml::text(item, "vpcId"),
          parse_items(item, "routeSet", parse_route),
          parse_items(item, "associationSet", parse_route_table_association), parse_tag_set(item)};
}

SecurityGroup parse_security_group(pugi::xml_node item) {
  SecurityGroup group;
  group.group_id = xml::text(item, "groupId");
  group.group_name = xml::text(item, "groupName");
  group.description = xml::text(item, "groupDescription");
  group.vpc_id = xml::text(item, "vpcId");
  group.owner_id = xml::text(item, "ownerId");
  group.ingress = parse_items(item, "ipPermissions", parse_ip_permission);
  group.egress = parse_items(item, "ipPermissionsEgress", parse_ip_permission);
  group.tags = parse_tag_set(item);
  return group;
}

PlacementGroup parse_placement_group(pugi::xml_node item) {
  return {xml::text(item, "groupName"), xml::text(item, "groupId"), xml::text(item, "state"),
          xml::text(item, "strategy"), parse_tag_set(item)};
}

}  // namespace spawn::aws
