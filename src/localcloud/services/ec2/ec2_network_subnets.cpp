// Subnets: CreateSubnet (a range inside its VPC's, overlapping no other subnet,
// in one of the region's zones), DescribeSubnets, DeleteSubnet (refused while a
// live instance uses it) and ModifySubnetAttribute (MapPublicIpOnLaunch).
#include <algorithm>

#include "localcloud/api/responses.hpp"
#include "localcloud/catalog/regions.hpp"
#include "localcloud/ids.hpp"
#include "localcloud/services/ec2/ec2_catalog.hpp"
#include "localcloud/services/ec2/ec2_describe.hpp"
#include "localcloud/services/ec2/ec2_documents.hpp"
#include "localcloud/services/ec2/ec2_json_xml.hpp"
#include "localcloud/services/ec2/ec2_network.hpp"
#include "localcloud/services/ec2/ec2_network_defaults.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {
namespace {

constexpr int kSmallestSubnetPrefix = 16;
constexpr int kLargestSubnetPrefix = 28;
// AWS keeps the first four addresses and the last one of every subnet.
constexpr std::uint64_t kReservedAddresses = 5;

const FilterTable kSubnetFilters{
    {"subnet-id", member("/SubnetId")},
    {"vpc-id", member("/VpcId")},
    {"availability-zone", member("/AvailabilityZone")},
    {"availabilityZone", member("/AvailabilityZone")},
    {"availability-zone-id", member("/AvailabilityZoneId")},
    {"cidr-block", member("/CidrBlock")},
    {"cidrBlock", member("/CidrBlock")},
    {"cidr", member("/CidrBlock")},
    {"default-for-az", member("/DefaultForAz")},
    {"defaultForAz", member("/DefaultForAz")},
    {"map-public-ip-on-launch", member("/MapPublicIpOnLaunch")},
    {"available-ip-address-count", member("/AvailableIpAddressCount")},
    {"state", member("/State")},
    {"owner-id", member("/OwnerId")},
    {"subnet-arn", member("/SubnetArn")},
};

void render_subnet(pugi::xml_node parent, const Json& subnet) {
  add_members(parent, subnet,
              {"SubnetId", "SubnetArn", "VpcId", "OwnerId", "State", "CidrBlock",
               "AvailableIpAddressCount", "AvailabilityZone", "AvailabilityZoneId", "DefaultForAz",
               "MapPublicIpOnLaunch", "AssignIpv6AddressOnCreation", "Tags"},
              {});
}

ApiError subnet_not_found(std::string_view subnet_id) {
  return id_not_found("InvalidSubnetID.NotFound", "subnet", subnet_id);
}

std::vector<std::string> zones_of(std::string_view region) {
  const RegionInfo* info = find_region(region);
  return info ? availability_zones(*info) : std::vector<std::string>{};
}

// The zone the request names (AvailabilityZone or AvailabilityZoneId), "" when it names none.
std::expected<std::string, ApiError> requested_zone(const ApiRequest& request) {
  std::vector<std::string> zones = zones_of(request.region);
  std::string zone = request.params.get_or("AvailabilityZone", "");
  if (auto zone_id = request.params.get("AvailabilityZoneId"))
    zone = zone_name_of_id(request.region, *zone_id);
  if (!zone.empty() || request.params.has("AvailabilityZoneId")) {
    if (std::find(zones.begin(), zones.end(), zone) == zones.end()) {
      std::string named = request.params.get_or("AvailabilityZone",
                                                request.params.get_or("AvailabilityZoneId", ""));
      return std::unexpected(
          client_error("InvalidParameterValue",
                       "Value (" + named +
                           ") for parameter availabilityZone is invalid. Subnets can currently "
                           "only be created in the following availability zones: " +
                           join(zones, ", ") + "."));
    }
  }
  return zone;
}

// Checks that `cidr` fits the VPC and no other subnet of it.
std::optional<ApiError> subnet_range_problem(Transaction& transaction, std::string_view region,
                                             const Json& vpc, const Ipv4Cidr& cidr) {
  auto vpc_cidr = parse_cidr(text_member(vpc, "CidrBlock"));
  if (!vpc_cidr || !vpc_cidr->contains(cidr) || cidr.prefix_length < kSmallestSubnetPrefix ||
      cidr.prefix_length > kLargestSubnetPrefix) {
    return client_error("InvalidSubnet.Range", "The CIDR '" + cidr.to_string() + "' is invalid.");
  }
  for (const Json* subnet : documents_of(transaction, region, kSubnetKind)) {
    auto other = parse_cidr(text_member(*subnet, "CidrBlock"));
    if (text_member(*subnet, "VpcId") == text_member(vpc, "VpcId") && other &&
        other->overlaps(cidr)) {
      return client_error("InvalidSubnet.Conflict",
                          "The CIDR '" + cidr.to_string() + "' conflicts with another subnet");
    }
  }
  return std::nullopt;
}

// AWS's choice when the request names no zone: here, the zones in turn.
std::string zone_for_new_subnet(Transaction& transaction, std::string_view region,
                                std::string_view vpc_id) {
  std::vector<std::string> zones = zones_of(region);
  if (zones.empty())
    return std::string(region) + "a";
  auto subnets = documents_of(transaction, region, kSubnetKind);
  auto in_vpc = std::count_if(subnets.begin(), subnets.end(), [&](const Json* subnet) {
    return text_member(*subnet, "VpcId") == vpc_id;
  });
  return zones[static_cast<std::size_t>(in_vpc) % zones.size()];
}

ApiOutcome create_subnet_call(const Ec2Context& context, const ApiRequest& request) {
  auto vpc_id = required(request.params, "VpcId");
  if (!vpc_id)
    return std::unexpected(vpc_id.error());
  auto cidr = required_cidr(request.params, "CidrBlock", "cidrBlock");
  if (!cidr)
    return std::unexpected(cidr.error());
  auto zone = requested_zone(request);
  if (!zone)
    return std::unexpected(zone.error());
  auto tags = tags_for(request.params, "subnet", {"subnet"});
  if (!tags)
    return std::unexpected(tags.error());
  ResourceHome home{request.region, owner_of(request)};
  auto subnet =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<Json, ApiError> {
        auto vpc = require_document(transaction, request.region, kVpcKind, *vpc_id,
                                    [&] { return vpc_not_found(*vpc_id); });
        if (!vpc)
          return std::unexpected(vpc.error());
        if (auto problem = subnet_range_problem(transaction, request.region, **vpc, *cidr))
          return std::unexpected(*problem);
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        std::string chosen =
            zone->empty() ? zone_for_new_subnet(transaction, request.region, *vpc_id) : *zone;
        return create_subnet(transaction, home, *vpc_id, *cidr, chosen, DefaultResource::no, *tags);
      });
  if (!subnet)
    return std::unexpected(subnet.error());
  Ec2Response response(request.operation, request.request_id);
  render_subnet(add_node(response.root(), "subnet"), *subnet);
  return response.finish();
}

ApiOutcome describe_subnets_call(const Ec2Context& context, const ApiRequest& request) {
  if (auto failed = make_default_network_visible(context, request.region))
    return std::unexpected(*failed);
  DescribeSpec spec{"SubnetId", kSubnetFilters,
                    [](const std::string& id) { return subnet_not_found(id); }};
  auto selection = describe_stored(request, context.deps.store, kSubnetKind, spec);
  if (!selection)
    return std::unexpected(selection.error());
  return describe_answer(request, "subnetSet", *selection, render_subnet);
}

ApiOutcome delete_subnet_call(const Ec2Context& context, const ApiRequest& request) {
  auto subnet_id = required(request.params, "SubnetId");
  if (!subnet_id)
    return std::unexpected(subnet_id.error());
  auto deleted =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
        auto subnet = require_document(transaction, request.region, kSubnetKind, *subnet_id,
                                       [&] { return subnet_not_found(*subnet_id); });
        if (!subnet)
          return std::unexpected(subnet.error());
        auto uses_subnet = [&](const Json& instance) {
          return text_member(instance, "SubnetId") == *subnet_id;
        };
        if (used_by_live_instance(transaction, request.region, uses_subnet)) {
          return std::unexpected(client_error(
              "DependencyViolation",
              "The subnet '" + *subnet_id + "' has dependencies and cannot be deleted."));
        }
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        forget_subnet_associations(transaction, request.region, *subnet_id);
        transaction.erase(request.region, kSubnetKind, *subnet_id);
        return {};
      });
  if (!deleted)
    return std::unexpected(deleted.error());
  return ec2_return_true(request);
}

ApiOutcome modify_subnet_attribute_call(const Ec2Context& context, const ApiRequest& request) {
  auto subnet_id = required(request.params, "SubnetId");
  if (!subnet_id)
    return std::unexpected(subnet_id.error());
  auto setting = required(request.params, "MapPublicIpOnLaunch.Value");
  if (!setting)
    return std::unexpected(setting.error());
  bool map_public_ip = iequals(*setting, "true");
  auto modified =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
        auto subnet = require_document(transaction, request.region, kSubnetKind, *subnet_id,
                                       [&] { return subnet_not_found(*subnet_id); });
        if (!subnet)
          return std::unexpected(subnet.error());
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        (**subnet)["MapPublicIpOnLaunch"] = map_public_ip;
        return {};
      });
  if (!modified)
    return std::unexpected(modified.error());
  return ec2_return_true(request);
}

}  // namespace

Json create_subnet(Transaction& transaction, const ResourceHome& home, std::string_view vpc_id,
                   const Ipv4Cidr& cidr, std::string_view zone, DefaultResource default_for_az,
                   const Ec2Tags& tags) {
  std::string subnet_id = resource_id("subnet");
  bool is_default = default_for_az == DefaultResource::yes;
  Json subnet{
      {"SubnetId", subnet_id},
      {"SubnetArn", "arn:aws:ec2:" + home.region + ":" + home.owner_id + ":subnet/" + subnet_id},
      {"VpcId", vpc_id},
      {"OwnerId", home.owner_id},
      {"State", "available"},
      {"CidrBlock", cidr.to_string()},
      {"AvailableIpAddressCount", cidr.size() - kReservedAddresses},
      {"AvailabilityZone", zone},
      {"AvailabilityZoneId", availability_zone_id(zone)},
      {"DefaultForAz", is_default},
      {"MapPublicIpOnLaunch", is_default},
      {"AssignIpv6AddressOnCreation", false},
      {"Tags", tags_to_json(tags)},
  };
  transaction.put(home.region, kSubnetKind, subnet_id, subnet);
  return subnet;
}

void add_subnet_operations(OperationTable& table, const Ec2Context& context) {
  table["CreateSubnet"] = with_context(context, create_subnet_call);
  table["DescribeSubnets"] = with_context(context, describe_subnets_call);
  table["DeleteSubnet"] = with_context(context, delete_subnet_call);
  table["ModifySubnetAttribute"] = with_context(context, modify_subnet_attribute_call);
}

}  // namespace spawn::localcloud
