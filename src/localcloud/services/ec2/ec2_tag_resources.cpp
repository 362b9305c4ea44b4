#include "localcloud/services/ec2/ec2_tag_resources.hpp"

#include <algorithm>
#include <array>

namespace spawn::localcloud {
namespace {

constexpr std::array<TaggableKind, 10> kKinds{{
    {"i-", "instance", "InvalidInstanceID.NotFound", "The instance ID '%' does not exist"},
    {"vpc-", "vpc", "InvalidVpcID.NotFound", "The vpc ID '%' does not exist"},
    {"subnet-", "subnet", "InvalidSubnetID.NotFound", "The subnet ID '%' does not exist"},
    {"sg-", "security-group", "InvalidGroup.NotFound", "The security group '%' does not exist"},
    {"igw-", "internet-gateway", "InvalidInternetGatewayID.NotFound",
     "The internetGateway ID '%' does not exist"},
    {"rtb-", "route-table", "InvalidRouteTableID.NotFound", "The routeTable ID '%' does not exist"},
    {"ami-", "image", "InvalidAMIID.NotFound", "The image id '[%]' does not exist"},
    {"key-", "key-pair", "InvalidKeyPair.NotFound", "The key pair '%' does not exist"},
    {"pg-", "placement-group", "InvalidPlacementGroup.Unknown",
     "The Placement Group '%' is unknown."},
    {"vol-", "volume", "InvalidVolume.NotFound", "The volume '%' does not exist."},
}};

ApiError not_found(const TaggableKind& kind, std::string_view id) {
  std::string text(kind.not_found_text);
  text.replace(text.find('%'), 1, id);
  return client_error(std::string(kind.not_found_code), std::move(text));
}

}  // namespace

std::span<const TaggableKind> taggable_kinds() {
  return kKinds;
}

std::expected<TaggableResource, ApiError> find_taggable(Transaction& transaction,
                                                        std::string_view region,
                                                        std::string_view resource_id) {
  auto kind = std::find_if(kKinds.begin(), kKinds.end(), [&](const TaggableKind& candidate) {
    return resource_id.starts_with(candidate.prefix);
  });
  if (kind == kKinds.end()) {
    return std::unexpected(
        client_error("InvalidID", "The ID '" + std::string(resource_id) + "' is not valid"));
  }
  if (Json* document = transaction.find(region, kind->kind, resource_id))
    return TaggableResource{&*kind, document};
  return std::unexpected(not_found(*kind, resource_id));
}

}  // namespace spawn::localcloud
