// VPCs, subnets, internet gateways and route tables: what a launch into a
// fresh network creates, in that order, and deletes in reverse.
#include "aws/ec2.hpp"
#include "aws/ec2_params.hpp"
#include "aws/ec2_parse.hpp"
#include "aws/pagination.hpp"

namespace spawn::aws {

namespace {

// An AttributeBooleanValue: Name.Value=true|false.
void add_toggle(QueryParams& params, std::string_view name, Toggle setting) {
  add_bool(params, std::string(name) + ".Value", setting == Toggle::on);
}

QueryParams gateway_attachment_params(const std::string& internet_gateway_id,
                                      const std::string& vpc_id, DryRun dry_run) {
  QueryParams params = resource_params("InternetGatewayId", internet_gateway_id, dry_run);
  params.add("VpcId", vpc_id);
  return params;
}

}  // namespace

Result<Vpc> Ec2Client::create_vpc(const CreateVpcRequest& request) {
  QueryParams params;
  params.add("CidrBlock", request.cidr_block);
  add_dry_run(params, request.dry_run);
  add_tag_specifications(params, request.tag_specifications);
  return parse_answer(call("CreateVpc", params), child_of("vpc", parse_vpc));
}

Result<Page<Vpc>> Ec2Client::describe_vpcs(const DescribeRequest& request) {
  QueryParams params;
  add_describe(params, "VpcId", request);
  return parse_answer(call("DescribeVpcs", params), page_of("vpcSet", parse_vpc));
}

Result<std::vector<Vpc>> Ec2Client::describe_vpcs_all(const DescribeRequest& request) {
  return collect_all_pages(request, [this](const auto& next) { return describe_vpcs(next); });
}

Result<void> Ec2Client::delete_vpc(const std::string& vpc_id, DryRun dry_run) {
  return call_for_success("DeleteVpc", resource_params("VpcId", vpc_id, dry_run));
}

Result<void> Ec2Client::modify_vpc_attribute(const std::string& vpc_id, VpcAttribute attribute,
                                             Toggle setting) {
  QueryParams params;
  add_toggle(
      params,
      attribute == VpcAttribute::enable_dns_hostnames ? "EnableDnsHostnames" : "EnableDnsSupport",
      setting);
  params.add("VpcId", vpc_id);
  return call_for_success("ModifyVpcAttribute", params);
}

Result<Subnet> Ec2Client::create_subnet(const CreateSubnetRequest& request) {
  QueryParams params;
  add_tag_specifications(params, request.tag_specifications);
  params.add_if("AvailabilityZone", request.availability_zone);
  params.add("CidrBlock", request.cidr_block);
  params.add("VpcId", request.vpc_id);
  add_dry_run(params, request.dry_run);
  return parse_answer(call("CreateSubnet", params), child_of("subnet", parse_subnet));
}

Result<Page<Subnet>> Ec2Client::describe_subnets(const DescribeRequest& request) {
  QueryParams params;
  add_describe(params, "SubnetId", request);
  return parse_answer(call("DescribeSubnets", params), page_of("subnetSet", parse_subnet));
}

Result<std::vector<Subnet>> Ec2Client::describe_subnets_all(const DescribeRequest& request) {
  return collect_all_pages(request, [this](const auto& next) { return describe_subnets(next); });
}

Result<void> Ec2Client::delete_subnet(const std::string& subnet_id, DryRun dry_run) {
  return call_for_success("DeleteSubnet", resource_params("SubnetId", subnet_id, dry_run));
}

Result<void> Ec2Client::modify_subnet_map_public_ip(const std::string& subnet_id, Toggle setting) {
  QueryParams params;
  add_toggle(params, "MapPublicIpOnLaunch", setting);
  params.add("SubnetId", subnet_id);
  return call_for_success("ModifySubnetAttribute", params);
}

Result<InternetGateway> Ec2Client::create_internet_gateway(
    const std::vector<TagSpecification>& tag_specifications, DryRun dry_run) {
  QueryParams params;
  add_tag_specifications(params, tag_specifications);
  add_dry_run(params, dry_run);
  return parse_answer(call("CreateInternetGateway", params),
                      child_of("internetGateway", parse_internet_gateway));
}

Result<void> Ec2Client::attach_internet_gateway(const std::string& internet_gateway_id,
                                                const std::string& vpc_id, DryRun dry_run) {
  return call_for_success("AttachInternetGateway",
                          gateway_attachment_params(internet_gateway_id, vpc_id, dry_run));
}

Result<void> Ec2Client::detach_internet_gateway(const std::string& internet_gateway_id,
                                                const std::string& vpc_id, DryRun dry_run) {
  return call_for_success("DetachInternetGateway",
                          gateway_attachment_params(internet_gateway_id, vpc_id, dry_run));
}

Result<void> Ec2Client::delete_internet_gateway(const std::string& internet_gateway_id,
                                                DryRun dry_run) {
  return call_for_success("DeleteInternetGateway",
                          resource_params("InternetGatewayId", internet_gateway_id, dry_run));
}

Result<Page<InternetGateway>> Ec2Client::describe_internet_gateways(
    const DescribeRequest& request) {
  QueryParams params;
  add_describe(params, "InternetGatewayId", request);
  return parse_answer(call("DescribeInternetGateways", params),
                      page_of("internetGatewaySet", parse_internet_gateway));
}

Result<std::vector<InternetGateway>> Ec2Client::describe_internet_gateways_all(
    const DescribeRequest& request) {
  return collect_all_pages(request,
                           [this](const auto& next) { return describe_internet_gateways(next); });
}

Result<RouteTable> Ec2Client::create_route_table(
    const std::string& vpc_id, const std::vector<TagSpecification>& tag_specifications,
    DryRun dry_run) {
  QueryParams params = resource_params("VpcId", vpc_id, dry_run);
  add_tag_specifications(params, tag_specifications);
  return parse_answer(call("CreateRouteTable", params), child_of("routeTable", parse_route_table));
}

Result<void> Ec2Client::create_route(const CreateRouteRequest& request) {
  QueryParams params = resource_params("RouteTableId", request.route_table_id, request.dry_run);
  params.add("DestinationCidrBlock", request.destination_cidr_block);
  params.add("GatewayId", request.gateway_id);
  return call_for_success("CreateRoute", params);
}

Result<std::string> Ec2Client::associate_route_table(const std::string& route_table_id,
                                                     const std::string& subnet_id, DryRun dry_run) {
  QueryParams params = resource_params("RouteTableId", route_table_id, dry_run);
  params.add("SubnetId", subnet_id);
  return parse_answer(call("AssociateRouteTable", params), text_of("associationId"));
}

Result<Page<RouteTable>> Ec2Client::describe_route_tables(const DescribeRequest& request) {
  QueryParams params;
  add_describe(params, "RouteTableId", request);
  return parse_answer(call("DescribeRouteTables", params),
                      page_of("routeTableSet", parse_route_table));
}

Result<std::vector<RouteTable>> Ec2Client::describe_route_tables_all(
    const DescribeRequest& request) {
  return collect_all_pages(request,
                           [this](const auto& next) { return describe_route_tables(next); });
}

Result<void> Ec2Client::delete_route_table(const std::string& route_table_id, DryRun dry_run) {
  return call_for_success("DeleteRouteTable",
                          resource_params("RouteTableId", route_table_id, dry_run));
}

}  // namespace spawn::aws
