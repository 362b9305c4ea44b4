#include "localcloud/services/ec2/ec2_launch_plan.hpp"

#include <algorithm>

#include "localcloud/catalog/instance_types.hpp"
#include "localcloud/catalog/regions.hpp"
#include "localcloud/server/faults.hpp"
#include "localcloud/services/ec2/ec2_documents.hpp"
#include "localcloud/services/ec2/ec2_groups.hpp"
#include "localcloud/services/ec2/ec2_images.hpp"
#include "localcloud/services/ec2/ec2_key_pairs.hpp"
#include "localcloud/services/ec2/ec2_network.hpp"
#include "localcloud/services/ec2/ec2_network_defaults.hpp"
#include "localcloud/services/iam/iam_lookup.hpp"
#include "localcloud/services/ssm/ssm_parameters.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::string_view kDefaultRootDevice = "/dev/xvda";

ApiError architecture_mismatch(std::string_view type_architecture,
                               std::string_view image_architecture) {
  return client_error("InvalidParameterValue",
                      "The architecture '" + std::string(type_architecture) +
                          "' of the specified instance type does not match the architecture '" +
                          std::string(image_architecture) +
                          "' of the specified AMI. Specify an instance type and an AMI that have "
                          "matching architectures, and try again. You can use "
                          "'describe-instance-types' or 'describe-images' to discover the "
                          "architecture of the instance type or AMI.");
}

std::optional<ApiError> use_image(Transaction& transaction, std::string_view region,
                                  const std::string& image_id, LaunchPlan& plan) {
  auto image = find_image(transaction, region, image_id);
  if (!image || image->value("State", "available") != "available")
    return image_not_found(image_id);
  plan.architecture = image->value("Architecture", "x86_64");
  plan.root_device_name = image->value("RootDeviceName", std::string(kDefaultRootDevice));
  return std::nullopt;
}

// The type must be one EC2 offers (its default aside), run the image's architecture and,
// when asked, be able to hibernate.
std::optional<ApiError> check_instance_type(const LaunchRequest& launch, const LaunchPlan& plan) {
  if (launch.instance_type == kDefaultInstanceType)
    return std::nullopt;
  const InstanceTypeSpec* type = find_instance_type(launch.instance_type);
  if (type == nullptr) {
    return client_error("InvalidParameterValue",
                        "Invalid value '" + launch.instance_type + "' for InstanceType.");
  }
  std::string_view architecture = architecture_name(type->architecture);
  if (architecture != plan.architecture)
    return architecture_mismatch(architecture, plan.architecture);
  if (launch.hibernation_configured && !type->hibernation_supported) {
    return client_error(
        "UnsupportedHibernationConfiguration",
        "The instance type " + launch.instance_type + " does not support hibernation.");
  }
  return std::nullopt;
}

ApiError insufficient_capacity(std::string_view type, std::string_view zone,
                               const std::vector<std::string>& zones_with_capacity) {
  std::string message = "We currently do not have sufficient " + std::string(type) +
                        " capacity in the Availability Zone you requested (" + std::string(zone) +
                        "). Our system will be working on provisioning additional capacity.";
  if (!zones_with_capacity.empty()) {
    message += " You can currently get " + std::string(type) +
               " capacity by not specifying an Availability Zone in your request or choosing " +
               join(zones_with_capacity, ", ") + ".";
  }
  return server_error("InsufficientInstanceCapacity", std::move(message));
}

// The zones of `region` where `type` has capacity.
std::vector<std::string> zones_with_capacity(const Faults& faults, std::string_view region,
                                             std::string_view type) {
  std::vector<std::string> zones;
  if (const RegionInfo* info = find_region(region)) {
    for (std::string& zone : availability_zones(*info)) {
      if (!faults.capacity_exhausted(type, zone))
        zones.push_back(std::move(zone));
    }
  }
  return zones;
}

// The zone to launch in: the one asked for (which must exist and have capacity), else
// the first with capacity.
std::expected<std::string, ApiError> pick_zone(const Ec2Context& context, std::string_view region,
                                               const LaunchRequest& launch,
                                               std::string_view required_zone) {
  const RegionInfo* info = find_region(region);
  std::vector<std::string> all = info ? availability_zones(*info) : std::vector<std::string>{};
  std::string zone = std::string(required_zone);
  if (zone.empty())
    zone = launch.availability_zone;
  if (!zone.empty() && std::find(all.begin(), all.end(), zone) == all.end()) {
    return std::unexpected(
        client_error("InvalidParameterValue", "Invalid availability zone: [" + zone + "]"));
  }
  auto available = zones_with_capacity(context.deps.faults, region, launch.instance_type);
  if (zone.empty() && !available.empty())
    return available.front();
  if (zone.empty())
    zone = all.empty() ? std::string(region) + "a" : all.front();
  if (std::find(available.begin(), available.end(), zone) == available.end()) {
    std::erase(available, zone);
    return std::unexpected(insufficient_capacity(launch.instance_type, zone, available));
  }
  return zone;
}

std::optional<ApiError> use_subnet(Transaction& transaction, std::string_view region,
                                   const LaunchRequest& launch, LaunchPlan& plan) {
  Json* subnet = transaction.find(region, kSubnetKind, launch.subnet_id);
  if (subnet == nullptr)
    return id_not_found("InvalidSubnetID.NotFound", "subnet", launch.subnet_id);
  plan.subnet_id = launch.subnet_id;
  plan.vpc_id = subnet->value("VpcId", "");
  plan.availability_zone = subnet->value("AvailabilityZone", "");
  plan.public_ip = subnet->value("MapPublicIpOnLaunch", false);
  if (!launch.availability_zone.empty() && launch.availability_zone != plan.availability_zone) {
    return invalid_parameter(
        "availabilityZone", launch.availability_zone,
        "Subnet '" + plan.subnet_id + "' is in the availability zone " + plan.availability_zone);
  }
  return std::nullopt;
}

std::optional<ApiError> use_network(Transaction& transaction, const Ec2Context& context,
                                    std::string_view region, const LaunchRequest& launch,
                                    LaunchPlan& plan) {
  if (!launch.subnet_id.empty()) {
    if (auto error = use_subnet(transaction, region, launch, plan))
      return error;
  }
  auto zone = pick_zone(context, region, launch, plan.availability_zone);
  if (!zone)
    return zone.error();
  plan.availability_zone = *zone;
  if (!launch.subnet_id.empty())
    return std::nullopt;
  auto network = ensure_default_network(transaction, context, region);
  if (!network)
    return network.error();
  auto subnet = network->subnet_by_zone.find(plan.availability_zone);
  if (subnet == network->subnet_by_zone.end()) {
    return client_error("MissingInput", "No default subnet for availability zone: '" +
                                            plan.availability_zone + "'.");
  }
  plan.vpc_id = network->vpc_id;
  plan.subnet_id = subnet->second;
  plan.public_ip = true;  // default subnets map public IPs
  return std::nullopt;
}

ApiError group_not_found(std::string_view group, std::string_view vpc_id) {
  return client_error("InvalidGroup.NotFound", "The security group '" + std::string(group) +
                                                   "' does not exist in VPC '" +
                                                   std::string(vpc_id) + "'");
}

void add_group(LaunchPlan& plan, const Json& group) {
  Json entry{{"GroupId", group.value("GroupId", "")}, {"GroupName", group.value("GroupName", "")}};
  if (std::find(plan.security_groups.begin(), plan.security_groups.end(), entry) ==
      plan.security_groups.end())
    plan.security_groups.push_back(std::move(entry));
}

std::optional<ApiError> use_groups(Transaction& transaction, std::string_view region,
                                   const LaunchRequest& launch, LaunchPlan& plan) {
  for (const std::string& id : launch.security_group_ids) {
    Json* group = transaction.find(region, kSecurityGroupKind, id);
    if (group == nullptr || group->value("VpcId", "") != plan.vpc_id)
      return group_not_found(id, plan.vpc_id);
    add_group(plan, *group);
  }
  for (const std::string& name : launch.security_group_names) {
    Json* group = find_security_group_by_name(transaction, region, name, plan.vpc_id);
    if (group == nullptr)
      return group_not_found(name, plan.vpc_id);
    add_group(plan, *group);
  }
  if (plan.security_groups.empty()) {
    Json* fallback =
        find_security_group_by_name(transaction, region, kDefaultGroupName, plan.vpc_id);
    if (fallback != nullptr)
      add_group(plan, *fallback);
  }
  return std::nullopt;
}

std::optional<ApiError> check_key_and_placement(Transaction& transaction, std::string_view region,
                                                const LaunchRequest& launch, LaunchPlan& plan) {
  if (!launch.key_name.empty() && find_key_pair(transaction, region, launch.key_name) == nullptr)
    return key_pair_not_found(launch.key_name);
  if (!launch.placement_group.empty()) {
    if (find_placement_group(transaction, region, launch.placement_group) == nullptr) {
      return client_error("InvalidPlacementGroup.Unknown",
                          "The Placement Group '" + launch.placement_group + "' is unknown.");
    }
    plan.placement_group = launch.placement_group;
  }
  return std::nullopt;
}

}  // namespace

std::expected<LaunchPlan, ApiError> plan_launch(Transaction& transaction, const Ec2Context& context,
                                                std::string_view region,
                                                const LaunchRequest& launch,
                                                std::optional<ProfileRef> profile) {
  LaunchPlan plan;
  plan.profile = std::move(profile);
  if (auto error = use_image(transaction, region, launch.image_id, plan))
    return std::unexpected(*error);
  if (auto error = check_instance_type(launch, plan))
    return std::unexpected(*error);
  if (auto error = use_network(transaction, context, region, launch, plan))
    return std::unexpected(*error);
  if (auto error = use_groups(transaction, region, launch, plan))
    return std::unexpected(*error);
  if (auto error = check_key_and_placement(transaction, region, launch, plan))
    return std::unexpected(*error);
  if (launch.associate_public_ip)
    plan.public_ip = *launch.associate_public_ip;
  return plan;
}

std::expected<std::string, ApiError> resolve_image_id(const ResourceStore& store,
                                                      std::string_view region,
                                                      const std::string& image_id) {
  if (!image_id.starts_with(kSsmImagePrefix))
    return image_id;
  std::string name = image_id.substr(kSsmImagePrefix.size());
  auto parameter = ssm::find_parameter(store, region, name, ssm::Decryption::no);
  std::string value = parameter ? parameter->value("Value", "") : "";
  if (!is_image_id(value)) {
    return std::unexpected(client_error("InvalidParameterValue",
                                        "Invalid value '" + image_id +
                                            "' for parameter ImageId. The SSM parameter '" + name +
                                            "' does not exist or does not hold an AMI ID."));
  }
  return value;
}

namespace {

// What EC2 answers for a profile it cannot see: one that does not exist, holds no role,
// or (as IAM propagates) whose role went in a moment ago.
ApiError invisible_profile(std::string_view name_or_arn) {
  bool is_arn = name_or_arn.starts_with("arn:");
  return invalid_parameter(
      is_arn ? "iamInstanceProfile.arn" : "iamInstanceProfile.name", name_or_arn,
      std::string("Invalid IAM Instance Profile ") + (is_arn ? "ARN" : "name"));
}

}  // namespace

std::expected<ProfileRef, ApiError> resolve_instance_profile(const ResourceStore& store,
                                                             std::string_view name_or_arn,
                                                             const ProfileVisibility& visibility) {
  auto found = find_instance_profile_role(store, name_or_arn);
  if (!found)
    return std::unexpected(invisible_profile(name_or_arn));
  if (visibility.propagation_delay.count() > 0 && found->role_added &&
      visibility.now < *found->role_added + visibility.propagation_delay) {
    return std::unexpected(invisible_profile(name_or_arn));
  }
  auto document = store.get(kIamRegion, kInstanceProfileKind, iam_key(found->profile_name));
  std::string id = document ? document->value("InstanceProfileId", "") : "";
  return ProfileRef{found->profile_arn, id};
}

}  // namespace spawn::localcloud
