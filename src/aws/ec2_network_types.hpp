// Requests and answers of the EC2 network operations spawn uses to build (and
// tear down) a launch's network: VPCs, subnets, internet gateways, route tables,
// security groups and placement groups.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "aws/ec2_types.hpp"

namespace spawn::aws {

// A boolean VPC or subnet attribute's new setting.
enum class Toggle { off, on };

struct CreateVpcRequest {
  std::string cidr_block{};  // "10.0.0.0/16"
  std::vector<TagSpecification> tag_specifications{};
  DryRun dry_run = DryRun::no;
};

struct Vpc {
  std::string vpc_id{};
  std::string cidr_block{};
  std::string state{};  // "pending", "available"
  bool is_default = false;
  std::string owner_id{};
  std::vector<Tag> tags{};
};

enum class VpcAttribute { enable_dns_hostnames, enable_dns_support };

struct CreateSubnetRequest {
  std::string vpc_id{};
  std::string cidr_block{};
  std::string availability_zone{};  // empty: AWS picks one
  std::vector<TagSpecification> tag_specifications{};
  DryRun dry_run = DryRun::no;
};

struct Subnet {
  std::string subnet_id{};
  std::string vpc_id{};
  std::string cidr_block{};
  std::string availability_zone{};
  std::string state{};
  bool map_public_ip_on_launch = false;
  bool default_for_az = false;
  int available_ip_address_count = 0;
  std::vector<Tag> tags{};
};

struct InternetGatewayAttachment {
  std::string vpc_id{};
  std::string state{};  // "available" once attached
};

struct InternetGateway {
  std::string internet_gateway_id{};
  std::vector<InternetGatewayAttachment> attachments{};
  std::vector<Tag> tags{};
};

struct Route {
  std::string destination_cidr_block{};
  std::string gateway_id{};  // "local" for the VPC's own range
  std::string state{};       // "active" or "blackhole"
  std::string origin{};      // "CreateRouteTable", "CreateRoute"
};

struct RouteTableAssociation {
  std::string association_id{};
  std::string subnet_id{};
  bool main = false;
};

struct RouteTable {
  std::string route_table_id{};
  std::string vpc_id{};
  std::vector<Route> routes{};
  std::vector<RouteTableAssociation> associations{};
  std::vector<Tag> tags{};
};

struct CreateRouteRequest {
  std::string route_table_id{};
  std::string destination_cidr_block{};  // "0.0.0.0/0"
  std::string gateway_id{};              // an internet gateway
  DryRun dry_run = DryRun::no;
};

struct CreateSecurityGroupRequest {
  std::string group_name{};
  std::string description{};
  std::string vpc_id{};  // empty: the default VPC
  std::vector<TagSpecification> tag_specifications{};
  DryRun dry_run = DryRun::no;
};

struct IpRange {
  std::string cidr_ip{};  // "203.0.113.0/24"
  std::string description{};
};

// One rule: traffic of `ip_protocol` on ports from..to from the listed ranges.
struct IpPermission {
  std::string ip_protocol{};  // "tcp", "udp", "icmp" or "-1" (all)
  std::optional<int> from_port{};
  std::optional<int> to_port{};
  std::vector<IpRange> ip_ranges{};
};

struct AuthorizeIngressRequest {
  std::string group_id{};
  std::vector<IpPermission> ip_permissions{};
  std::vector<TagSpecification> tag_specifications{};  // tags for the rules created
  DryRun dry_run = DryRun::no;
};

struct SecurityGroup {
  std::string group_id{};
  std::string group_name{};
  std::string description{};
  std::string vpc_id{};
  std::string owner_id{};
  std::vector<IpPermission> ingress{};
  std::vector<IpPermission> egress{};
  std::vector<Tag> tags{};
};

struct CreatePlacementGroupRequest {
  std::string group_name{};
  std::string strategy{};  // "cluster", "spread" or "partition"
  std::optional<int> partition_count{};
  std::vector<TagSpecification> tag_specifications{};
  DryRun dry_run = DryRun::no;
};

struct PlacementGroup {
  std::string group_name{};
  std::string group_id{};
  std::string state{};  // "pending", "available", "deleting", "deleted"
  std::string strategy{};
  std::vector<Tag> tags{};
};

struct DescribePlacementGroupsRequest {
  std::vector<std::string> group_names{};  // all when empty
  std::vector<Filter> filters{};
};

}  // namespace spawn::aws
