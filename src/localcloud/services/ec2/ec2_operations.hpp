// EC2's operations come in families, each adding its handlers to the service's
// table. They share the deps, the options and the document shapes below.
//
// Documents (kind → members, PascalCase as in the EC2 model, region = the request's):
//   "instance"        the DescribeInstances Instance shape: InstanceId, ImageId, InstanceType,
//                     State{Code,Name}, Placement{AvailabilityZone}, VpcId, SubnetId,
//                     PrivateIpAddress, PublicIpAddress, SecurityGroups[{GroupId,GroupName}],
//                     Tags{key: value}, LaunchTime, ... (see ec2_instances*.cpp)
//   "vpc", "subnet", "internet-gateway", "route-table", "security-group",
//   "placement-group", "key-pair", "image"
//                     their Describe* shapes, Tags{key: value} for tags
#pragma once

#include "localcloud/api/service.hpp"
#include "localcloud/services/ec2/ec2_service.hpp"

namespace spawn::localcloud {

struct Ec2Context {
  ServiceDeps deps;
  Ec2Options options;
};

// VPCs, subnets, internet gateways, route tables (ec2_network*.cpp).
void add_network_operations(OperationTable& table, const Ec2Context& context);
// Security groups and placement groups (ec2_groups*.cpp).
void add_group_operations(OperationTable& table, const Ec2Context& context);
// Images and key pairs (ec2_images*.cpp, ec2_key_pairs.cpp).
void add_image_and_key_operations(OperationTable& table, const Ec2Context& context);
// Regions, availability zones, instance types, spot prices (ec2_catalog*.cpp).
void add_catalog_operations(OperationTable& table, const Ec2Context& context);

}  // namespace spawn::localcloud
