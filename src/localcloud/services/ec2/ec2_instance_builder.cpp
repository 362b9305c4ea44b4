#include "localcloud/services/ec2/ec2_instance_builder.hpp"

#include <algorithm>

#include "localcloud/ids.hpp"
#include "localcloud/services/ec2/ec2_instance_document.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {
namespace {

constexpr int kDefaultRootVolumeGib = 8;

std::string dashed(std::string_view ip) {
  std::string text(ip);
  std::replace(text.begin(), text.end(), '.', '-');
  return text;
}

Json volume_document(const EbsRequest& device, const InstanceSlot& slot, std::string_view zone,
                     const std::string& created, const Ec2Tags& tags) {
  std::string volume_id = resource_id("vol");
  Json volume{
      {"VolumeId", volume_id},
      {"Size", device.volume_size_gib.value_or(kDefaultRootVolumeGib)},
      {"VolumeType", device.volume_type},
      {"Encrypted", device.encrypted},
      {"AvailabilityZone", zone},
      {"CreateTime", created},
      {"State", "in-use"},
      {"SnapshotId", ""},
      {"MultiAttachEnabled", false},
      {"Attachments", Json::array({{{"AttachTime", created},
                                    {"Device", device.device_name},
                                    {"InstanceId", slot.instance_id},
                                    {"State", "attached"},
                                    {"VolumeId", volume_id},
                                    {"DeleteOnTermination", device.delete_on_termination}}})},
      {"Tags", tags_to_json(tags)},
  };
  if (device.iops || device.volume_type == "gp3")
    volume["Iops"] = device.iops.value_or(3000);
  if (device.volume_type == "gp3")
    volume["Throughput"] = 125;
  return volume;
}

// The requested EBS devices, with a root device added when the request names none.
std::vector<EbsRequest> devices_of(const LaunchRequest& launch, const LaunchPlan& plan) {
  std::vector<EbsRequest> devices = launch.block_devices;
  bool has_root = std::any_of(devices.begin(), devices.end(), [&](const EbsRequest& device) {
    return device.device_name == plan.root_device_name;
  });
  if (!has_root) {
    EbsRequest root;
    root.device_name = plan.root_device_name;
    root.volume_type = "gp3";
    devices.insert(devices.begin(), root);
  }
  return devices;
}

Json block_device_mapping(const Json& volume) {
  const Json& attachment = volume["Attachments"][0];
  return Json{{"DeviceName", attachment["Device"]},
              {"Ebs",
               {{"AttachTime", attachment["AttachTime"]},
                {"DeleteOnTermination", attachment["DeleteOnTermination"]},
                {"Status", "attached"},
                {"VolumeId", volume["VolumeId"]}}}};
}

Json metadata_options(const MetadataOptionsRequest& options) {
  return Json{{"State", "applied"},
              {"HttpTokens", options.http_tokens},
              {"HttpPutResponseHopLimit", options.http_put_response_hop_limit},
              {"HttpEndpoint", options.http_endpoint},
              {"HttpProtocolIpv6", "disabled"},
              {"InstanceMetadataTags", options.instance_metadata_tags}};
}

void add_spot(Json& instance, const SpotRequest& spot) {
  instance["InstanceLifecycle"] = "spot";
  instance["SpotInstanceRequestId"] = "sir-" + to_lower(random_upper_alnum(8));
  Json options{{"SpotInstanceType", spot.spot_instance_type},
               {"InstanceInterruptionBehavior", spot.interruption_behavior}};
  if (!spot.max_price.empty())
    options["MaxPrice"] = spot.max_price;
  instance["InstanceMarketOptions"] = {{"MarketType", "spot"}, {"SpotOptions", options}};
}

// The members that depend on where the instance sits and who it is.
void add_placement(Json& instance, const LaunchPlan& plan, const InstanceSlot& slot,
                   std::string_view region) {
  instance["Placement"] = {{"AvailabilityZone", plan.availability_zone},
                           {"GroupName", plan.placement_group},
                           {"Tenancy", "default"}};
  instance["SubnetId"] = plan.subnet_id;
  instance["VpcId"] = plan.vpc_id;
  instance["PrivateIpAddress"] = slot.private_ip;
  instance["PrivateDnsName"] = private_dns_name(slot.private_ip, region);
  instance["PublicDnsName"] = "";
  if (!slot.public_ip.empty()) {
    instance["PublicIpAddress"] = slot.public_ip;
    instance["PublicDnsName"] = public_dns_name(slot.public_ip, region);
  }
  instance["SecurityGroups"] = plan.security_groups;
  if (plan.profile)
    instance["IamInstanceProfile"] = {{"Arn", plan.profile->arn}, {"Id", plan.profile->id}};
}

Json instance_document(const LaunchRequest& launch, const LaunchPlan& plan,
                       const InstanceSlot& slot, const std::string& launched) {
  Json instance{
      {"InstanceId", slot.instance_id},
      {"ReservationId", slot.reservation_id},
      {"ImageId", launch.image_id},
      {"State", state_json(InstanceState::pending)},
      {"StateTransitionReason", ""},
      {"AmiLaunchIndex", slot.launch_index},
      {"ProductCodes", Json::array()},
      {"InstanceType", launch.instance_type},
      {"LaunchTime", launched},
      {"Monitoring", {{"State", "disabled"}}},
      {"SourceDestCheck", true},
      {"Architecture", plan.architecture},
      {"RootDeviceType", "ebs"},
      {"RootDeviceName", plan.root_device_name},
      {"VirtualizationType", "hvm"},
      {"ClientToken", launch.client_token},
      {"Tags", tags_to_json(launch.instance_tags)},
      {"Hypervisor", "xen"},
      {"EbsOptimized", false},
      {"EnaSupport", true},
      {"HibernationOptions", {{"Configured", launch.hibernation_configured}}},
      {"MetadataOptions", metadata_options(launch.metadata_options)},
      {"EnclaveOptions", {{"Enabled", false}}},
      {"PlatformDetails", "Linux/UNIX"},
      {"UsageOperation", "RunInstances"},
      {"UsageOperationUpdateTime", launched},
      {"MaintenanceOptions", {{"AutoRecovery", "default"}}},
      {"UserData", launch.user_data},
      {"InstanceInitiatedShutdownBehavior", launch.shutdown_behavior},
      {"DisableApiTermination", launch.disable_api_termination},
      {"DisableApiStop", launch.disable_api_stop},
  };
  if (!launch.key_name.empty())
    instance["KeyName"] = launch.key_name;
  return instance;
}

}  // namespace

BuiltInstance build_instance(const LaunchRequest& launch, const LaunchPlan& plan,
                             const InstanceSlot& slot, std::string_view region, SystemTime now,
                             SystemTime boot_due) {
  std::string launched = ec2_timestamp(now);
  BuiltInstance built{instance_document(launch, plan, slot, launched), {}};
  add_placement(built.instance, plan, slot, region);
  if (launch.spot)
    add_spot(built.instance, *launch.spot);
  Json mappings = Json::array();
  for (const EbsRequest& device : devices_of(launch, plan)) {
    built.volumes.push_back(
        volume_document(device, slot, plan.availability_zone, launched, launch.volume_tags));
    mappings.push_back(block_device_mapping(built.volumes.back()));
  }
  built.instance["BlockDeviceMappings"] = std::move(mappings);
  runtime_of(built.instance)[std::string(runtime::kDueAt)] = epoch_ms(boot_due);
  return built;
}

std::string private_dns_name(std::string_view ip, std::string_view region) {
  if (region == "us-east-1")
    return "ip-" + dashed(ip) + ".ec2.internal";
  return "ip-" + dashed(ip) + "." + std::string(region) + ".compute.internal";
}

std::string public_dns_name(std::string_view ip, std::string_view region) {
  if (region == "us-east-1")
    return "ec2-" + dashed(ip) + ".compute-1.amazonaws.com";
  return "ec2-" + dashed(ip) + "." + std::string(region) + ".compute.amazonaws.com";
}

}  // namespace spawn::localcloud
