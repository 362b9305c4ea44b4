// The EC2 operations spawn uses, typed, over the EC2 query protocol. Each call
// builds its parameters, sends one request through AwsClient (which signs and
// retries) and maps the XML answer to plain structs. Paginated Describe calls
// come in two forms: one page, and `_all` that follows NextToken to the end.
// Mutating calls accept DryRun; see is_dry_run_ok() for reading the answer.
#pragma once

#include <string>
#include <vector>

#include "aws/client.hpp"
#include "aws/ec2_image_key_types.hpp"
#include "aws/ec2_instance_types.hpp"
#include "aws/ec2_misc_types.hpp"
#include "aws/ec2_network_types.hpp"
#include "aws/ec2_types.hpp"
#include "aws/query_protocol.hpp"
#include "util/result.hpp"

namespace spawn::aws {

class Ec2Client {
 public:
  explicit Ec2Client(AwsClient& client) : client_(client) {}

  // --- instances (ec2_instances.cpp)
  // Launches instances; the answer lists them, usually still pending.
  Result<Reservation> run_instances(const RunInstancesRequest& request);
  // Instances by id (request.ids) and filters, reservations flattened. AWS refuses
  // page.max_results together with ids.
  Result<Page<Instance>> describe_instances(const DescribeRequest& request);
  Result<std::vector<Instance>> describe_instances_all(const DescribeRequest& request);
  Result<Page<InstanceStatus>> describe_instance_status(
      const DescribeInstanceStatusRequest& request);
  Result<std::vector<InstanceStatus>> describe_instance_status_all(
      const DescribeInstanceStatusRequest& request);
  // The attribute's value; user data comes back decoded, empty when there is none.
  Result<std::string> describe_instance_attribute(const std::string& instance_id,
                                                  InstanceAttribute attribute);
  Result<std::vector<InstanceStateChange>> terminate_instances(const InstanceIdsRequest& request);
  Result<std::vector<InstanceStateChange>> stop_instances(const StopInstancesRequest& request);
  Result<std::vector<InstanceStateChange>> start_instances(const InstanceIdsRequest& request);
  // The serial console's recent output, decoded.
  Result<ConsoleOutput> get_console_output(const std::string& instance_id);

  // --- tags, regions, zones, instance types, spot prices (ec2_misc.cpp)
  // Adds or overwrites `tags` on every resource in `resource_ids`.
  Result<void> create_tags(const std::vector<std::string>& resource_ids,
                           const std::vector<Tag>& tags, DryRun dry_run = DryRun::no);
  // Removes the tags named `keys`, whatever their values.
  Result<void> delete_tags(const std::vector<std::string>& resource_ids,
                           const std::vector<std::string>& keys, DryRun dry_run = DryRun::no);
  // Tags matching request.filters (request.ids is not used by DescribeTags).
  Result<Page<TagDescription>> describe_tags(const DescribeRequest& request);
  Result<std::vector<TagDescription>> describe_tags_all(const DescribeRequest& request);
  Result<std::vector<Region>> describe_regions(RegionScope scope = RegionScope::enabled);
  // The zones of the client's region, optionally filtered.
  Result<std::vector<AvailabilityZone>> describe_availability_zones(
      const std::vector<Filter>& filters = {});
  // Instance types by name (request.ids: "t3.micro") and filters.
  Result<Page<InstanceTypeInfo>> describe_instance_types(const DescribeRequest& request);
  Result<std::vector<InstanceTypeInfo>> describe_instance_types_all(const DescribeRequest& request);
  Result<Page<SpotPrice>> describe_spot_price_history(
      const DescribeSpotPriceHistoryRequest& request);
  Result<std::vector<SpotPrice>> describe_spot_price_history_all(
      const DescribeSpotPriceHistoryRequest& request);

  // --- images and key pairs (ec2_images_keys.cpp)
  Result<Page<Image>> describe_images(const DescribeImagesRequest& request);
  Result<std::vector<Image>> describe_images_all(const DescribeImagesRequest& request);
  // Starts imaging an instance; returns the new image id (the image is pending).
  Result<std::string> create_image(const CreateImageRequest& request);
  Result<void> deregister_image(const std::string& image_id, DryRun dry_run = DryRun::no);
  // Registers an existing public key under request.key_name.
  Result<KeyPair> import_key_pair(const ImportKeyPairRequest& request);
  Result<std::vector<KeyPair>> describe_key_pairs(const DescribeKeyPairsRequest& request);
  Result<void> delete_key_pair(const std::string& key_name, DryRun dry_run = DryRun::no);

  // --- VPCs, subnets, gateways, route tables (ec2_network.cpp)
  Result<Vpc> create_vpc(const CreateVpcRequest& request);
  Result<Page<Vpc>> describe_vpcs(const DescribeRequest& request);
  Result<std::vector<Vpc>> describe_vpcs_all(const DescribeRequest& request);
  Result<void> delete_vpc(const std::string& vpc_id, DryRun dry_run = DryRun::no);
  // Sets one boolean attribute (AWS accepts one per call).
  Result<void> modify_vpc_attribute(const std::string& vpc_id, VpcAttribute attribute,
                                    Toggle setting);
  Result<Subnet> create_subnet(const CreateSubnetRequest& request);
  Result<Page<Subnet>> describe_subnets(const DescribeRequest& request);
  Result<std::vector<Subnet>> describe_subnets_all(const DescribeRequest& request);
  Result<void> delete_subnet(const std::string& subnet_id, DryRun dry_run = DryRun::no);
  // Whether instances launched in the subnet get a public IPv4 address.
  Result<void> modify_subnet_map_public_ip(const std::string& subnet_id, Toggle setting);
  Result<InternetGateway> create_internet_gateway(
      const std::vector<TagSpecification>& tag_specifications, DryRun dry_run = DryRun::no);
  Result<void> attach_internet_gateway(const std::string& internet_gateway_id,
                                       const std::string& vpc_id, DryRun dry_run = DryRun::no);
  Result<void> detach_internet_gateway(const std::string& internet_gateway_id,
                                       const std::string& vpc_id, DryRun dry_run = DryRun::no);
  Result<void> delete_internet_gateway(const std::string& internet_gateway_id,
                                       DryRun dry_run = DryRun::no);
  Result<Page<InternetGateway>> describe_internet_gateways(const DescribeRequest& request);
  Result<std::vector<InternetGateway>> describe_internet_gateways_all(
      const DescribeRequest& request);
  Result<RouteTable> create_route_table(const std::string& vpc_id,
                                        const std::vector<TagSpecification>& tag_specifications,
                                        DryRun dry_run = DryRun::no);
  Result<void> create_route(const CreateRouteRequest& request);
  // Associates a subnet with a route table; returns the association id.
  Result<std::string> associate_route_table(const std::string& route_table_id,
                                            const std::string& subnet_id,
                                            DryRun dry_run = DryRun::no);
  Result<Page<RouteTable>> describe_route_tables(const DescribeRequest& request);
  Result<std::vector<RouteTable>> describe_route_tables_all(const DescribeRequest& request);
  Result<void> delete_route_table(const std::string& route_table_id, DryRun dry_run = DryRun::no);

  // --- security groups and placement groups (ec2_groups.cpp)
  // Creates a security group; returns its id.
  Result<std::string> create_security_group(const CreateSecurityGroupRequest& request);
  Result<void> authorize_security_group_ingress(const AuthorizeIngressRequest& request);
  // Security groups by id (request.ids) and filters.
  Result<Page<SecurityGroup>> describe_security_groups(const DescribeRequest& request);
  Result<std::vector<SecurityGroup>> describe_security_groups_all(const DescribeRequest& request);
  Result<void> delete_security_group(const std::string& group_id, DryRun dry_run = DryRun::no);
  Result<PlacementGroup> create_placement_group(const CreatePlacementGroupRequest& request);
  Result<std::vector<PlacementGroup>> describe_placement_groups(
      const DescribePlacementGroupsRequest& request);
  Result<void> delete_placement_group(const std::string& group_name, DryRun dry_run = DryRun::no);

 private:
  Result<XmlResponse> call(std::string_view action, const QueryParams& params);
  // Calls an action whose answer carries nothing but success.
  Result<void> call_for_success(std::string_view action, const QueryParams& params);

  AwsClient& client_;
};

}  // namespace spawn::aws
