#include "localcloud/services/ec2/ec2_network_defaults.hpp"

#include "localcloud/catalog/regions.hpp"
#include "localcloud/services/ec2/ec2_documents.hpp"
#include "localcloud/services/ec2/ec2_groups.hpp"
#include "localcloud/services/ec2/ec2_network.hpp"

namespace spawn::localcloud {
namespace {

constexpr Ipv4Cidr kDefaultVpcCidr{(172u << 24) | (31u << 16), 16};  // 172.31.0.0/16
constexpr int kDefaultSubnetPrefix = 20;
constexpr std::string_view kAnywhere = "0.0.0.0/0";

ApiError no_default_vpc() {
  return client_error("VPCIdNotSpecified", "No default VPC for this user");
}

std::vector<std::string> zones_of(std::string_view region) {
  const RegionInfo* info = find_region(region);
  return info ? availability_zones(*info) : std::vector<std::string>{};
}

// What a fresh account has: the default VPC, a default subnet per zone, an attached internet
// gateway that the main route table sends 0.0.0.0/0 to, and the VPC's default group.
void build_default_network(Transaction& transaction, std::string_view region) {
  ResourceHome home{std::string(region), std::string(kAccountId)};
  Json vpc = create_vpc(transaction, home, kDefaultVpcCidr, DefaultResource::yes, {});
  std::string vpc_id = text_member(vpc, "VpcId");
  std::vector<std::string> zones = zones_of(region);
  for (std::uint32_t i = 0; i < zones.size(); ++i) {
    create_subnet(transaction, home, vpc_id, nth_block(kDefaultVpcCidr, kDefaultSubnetPrefix, i),
                  zones[i], DefaultResource::yes, {});
  }
  std::string gateway_id =
      text_member(create_internet_gateway(transaction, home, {}), "InternetGatewayId");
  attach_gateway(transaction, region, *transaction.find(region, kInternetGatewayKind, gateway_id),
                 vpc_id);
  add_route(*main_route_table(transaction, region, vpc_id), kAnywhere, gateway_id);
  transaction.put(region, kDefaultNetworkKind, kDefaultNetworkMarkerId, Json{{"VpcId", vpc_id}});
}

// The default network as it is now: the user may have deleted parts of it.
std::expected<DefaultNetwork, ApiError> current_default_network(Transaction& transaction,
                                                                std::string_view region) {
  const Json* marker = transaction.find(region, kDefaultNetworkKind, kDefaultNetworkMarkerId);
  std::string vpc_id = marker ? text_member(*marker, "VpcId") : "";
  const Json* vpc = transaction.find(region, kVpcKind, vpc_id);
  if (vpc == nullptr || !vpc->value("IsDefault", false))
    return std::unexpected(no_default_vpc());
  DefaultNetwork network{vpc_id, "", {}};
  std::string group_id = text_member(*vpc, "DefaultSecurityGroupId");
  if (transaction.find(region, kSecurityGroupKind, group_id))
    network.security_group_id = group_id;
  for (const Json* subnet : documents_of(transaction, region, kSubnetKind)) {
    if (text_member(*subnet, "VpcId") == vpc_id && subnet->value("DefaultForAz", false))
      network.subnet_by_zone[text_member(*subnet, "AvailabilityZone")] =
          text_member(*subnet, "SubnetId");
  }
  return network;
}

}  // namespace

std::expected<DefaultNetwork, ApiError> ensure_default_network(Transaction& transaction,
                                                               const Ec2Context& context,
                                                               std::string_view region) {
  if (context.options.default_vpc == DefaultVpc::no)
    return std::unexpected(no_default_vpc());
  if (!transaction.find(region, kDefaultNetworkKind, kDefaultNetworkMarkerId))
    build_default_network(transaction, region);
  return current_default_network(transaction, region);
}

std::optional<ApiError> make_default_network_visible(const Ec2Context& context,
                                                     std::string_view region) {
  if (context.options.default_vpc == DefaultVpc::no ||
      context.deps.store.get(region, kDefaultNetworkKind, kDefaultNetworkMarkerId)) {
    return std::nullopt;
  }
  auto made =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
        if (!transaction.find(region, kDefaultNetworkKind, kDefaultNetworkMarkerId))
          build_default_network(transaction, region);
        return {};
      });
  if (!made)
    return made.error();
  return std::nullopt;
}

}  // namespace spawn::localcloud
