// The default network a fresh AWS account has in every region: a default VPC
// 172.31.0.0/16 with one default subnet per zone (172.31.0.0/20, 172.31.16.0/20,
// ...; public IPs on launch), an attached internet gateway, a main route table
// sending 0.0.0.0/0 to it, and the VPC's "default" security group. It is made
// the first time a region is touched (RunInstances, a Describe call, a group
// created without a VPC) and never again: a "default-network" document
// remembers that it was made, so a user who deletes the default VPC has none,
// as on AWS.
#pragma once

#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "localcloud/api/api.hpp"
#include "localcloud/services/ec2/ec2_operations.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

// Kind of the marker document (id kDefaultNetworkMarkerId) recording that the region's
// default network was made: {"VpcId": ...}.
inline constexpr std::string_view kDefaultNetworkKind = "default-network";
inline constexpr std::string_view kDefaultNetworkMarkerId = "default";

struct DefaultNetwork {
  std::string vpc_id;
  std::string security_group_id;                      // the default VPC's "default" group
  std::map<std::string, std::string> subnet_by_zone;  // zone name → default subnet id
};

// The region's default network, made on first use. VPCIdNotSpecified ("No default VPC for
// this user") when localcloud runs without default VPCs or the user deleted it.
std::expected<DefaultNetwork, ApiError> ensure_default_network(Transaction& transaction,
                                                               const Ec2Context& context,
                                                               std::string_view region);

// Makes the region's default network once, so that Describe calls show it; a cheap read
// when it exists. Fails only when the store cannot save.
std::optional<ApiError> make_default_network_visible(const Ec2Context& context,
                                                     std::string_view region);

}  // namespace spawn::localcloud
