// Inside the network family (ec2_network*.cpp): the document kinds, how each
// resource is created (CreateVpc and the default network build the same
// documents), and each resource's handlers. Documents are EC2's own shapes:
//   "vpc"              Vpc: VpcId, CidrBlock, CidrBlockAssociationSet, DhcpOptionsId, State,
//                      OwnerId, InstanceTenancy, IsDefault, Tags; plus the attributes
//                      EnableDnsSupport, EnableDnsHostnames (bool) and the ids of what came
//                      with it: MainRouteTableId, DefaultSecurityGroupId, DefaultNetworkAclId
//   "subnet"           Subnet: SubnetId, VpcId, CidrBlock, AvailabilityZone, AvailabilityZoneId,
//                      AvailableIpAddressCount, DefaultForAz, MapPublicIpOnLaunch, State,
//                      OwnerId, AssignIpv6AddressOnCreation, SubnetArn, Tags
//   "internet-gateway" InternetGateway: InternetGatewayId, OwnerId, Attachments[{State, VpcId}],
//                      Tags
//   "route-table"      RouteTable: RouteTableId, VpcId, OwnerId, Routes[{DestinationCidrBlock,
//                      GatewayId, Origin, State}], Associations[{Main, RouteTableAssociationId,
//                      RouteTableId, SubnetId, AssociationState{State}}], PropagatingVgws, Tags
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "localcloud/services/ec2/ec2_cidr.hpp"
#include "localcloud/services/ec2/ec2_operations.hpp"
#include "localcloud/services/ec2/ec2_request.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

inline constexpr std::string_view kVpcKind = "vpc";
inline constexpr std::string_view kSubnetKind = "subnet";
inline constexpr std::string_view kInternetGatewayKind = "internet-gateway";
inline constexpr std::string_view kRouteTableKind = "route-table";

// Where a new resource goes and who owns it.
struct ResourceHome {
  std::string region;
  std::string owner_id;
};

enum class DefaultResource { yes, no };

// A VPC with its main route table (a local route) and its "default" security group.
Json create_vpc(Transaction& transaction, const ResourceHome& home, const Ipv4Cidr& cidr,
                DefaultResource is_default, const Ec2Tags& tags);

// A subnet of `vpc_id` in `zone`; default subnets map public IPs on launch.
Json create_subnet(Transaction& transaction, const ResourceHome& home, std::string_view vpc_id,
                   const Ipv4Cidr& cidr, std::string_view zone, DefaultResource default_for_az,
                   const Ec2Tags& tags);

// A detached internet gateway.
Json create_internet_gateway(Transaction& transaction, const ResourceHome& home,
                             const Ec2Tags& tags);
void attach_gateway(Transaction& transaction, std::string_view region, Json& gateway,
                    std::string_view vpc_id);

// A route table of `vpc_id` with the local route for `vpc_cidr`.
Json new_route_table(const ResourceHome& home, std::string_view vpc_id, std::string_view vpc_cidr,
                     const Ec2Tags& tags);
// Marks `table` as its VPC's main route table (the main association).
void make_main_route_table(Json& table);
bool is_main_route_table(const Json& table);

// A new association of `table_id` with `subnet_id`; the main association when "".
Json route_table_association(std::string_view table_id, std::string_view subnet_id);
// The route table `table_id` (staged), or InvalidRouteTableID.NotFound.
std::expected<Json*, ApiError> require_route_table(Transaction& transaction,
                                                   std::string_view region,
                                                   const std::string& table_id);

// Adds the route `destination` → `gateway_id` ("CreateRoute" origin) to `table`.
void add_route(Json& table, std::string_view destination, std::string_view gateway_id);

// Removes the subnet's route table associations (the subnet is being deleted).
void forget_subnet_associations(Transaction& transaction, std::string_view region,
                                std::string_view subnet_id);

// The VPC's main route table (staged), or nullptr.
Json* main_route_table(Transaction& transaction, std::string_view region, std::string_view vpc_id);

// InvalidVpcID.NotFound for `vpc_id`.
ApiError vpc_not_found(std::string_view vpc_id);

void add_vpc_operations(OperationTable& table, const Ec2Context& context);
void add_subnet_operations(OperationTable& table, const Ec2Context& context);
void add_internet_gateway_operations(OperationTable& table, const Ec2Context& context);
void add_route_table_operations(OperationTable& table, const Ec2Context& context);
void add_route_operations(OperationTable& table, const Ec2Context& context);

}  // namespace spawn::localcloud
