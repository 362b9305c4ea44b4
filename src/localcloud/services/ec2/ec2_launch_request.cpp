#include "localcloud/services/ec2/ec2_launch_request.hpp"

#include <algorithm>
#include <charconv>
#include <initializer_list>

#include "localcloud/services/ec2/ec2_images.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud {
namespace {

using Check = std::optional<ApiError>;

std::optional<long long> integer_of(std::string_view text) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size())
    return std::nullopt;
  return value;
}

// The integer parameter `name` (absent gives `fallback`), which must lie in [min, max].
std::expected<int, ApiError> bounded_integer(const FormParams& params, std::string_view name,
                                             std::string_view wire_name, int fallback, int min,
                                             int max) {
  auto text = params.get(name);
  if (!text)
    return fallback;
  auto value = integer_of(*text);
  if (!value || *value < min || *value > max) {
    return std::unexpected(invalid_parameter(
        wire_name, *text,
        "Expecting a value between " + std::to_string(min) + " and " + std::to_string(max) + "."));
  }
  return static_cast<int>(*value);
}

// `value` must be one of `allowed`.
Check one_of(std::string_view wire_name, const std::string& value,
             std::initializer_list<std::string_view> allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end())
    return std::nullopt;
  return invalid_parameter(wire_name, value);
}

// The parameter's value when present (and then one of `allowed`), else `fallback`.
std::expected<std::string, ApiError> choice(const FormParams& params, std::string_view name,
                                            std::string_view wire_name, std::string_view fallback,
                                            std::initializer_list<std::string_view> allowed) {
  std::string value = params.get_or(name, fallback);
  if (auto error = one_of(wire_name, value, allowed))
    return std::unexpected(*error);
  return value;
}

Check read_counts(const FormParams& params, LaunchRequest& launch) {
  auto min_text = required(params, "MinCount");
  auto max_text = required(params, "MaxCount");
  if (!min_text || !max_text)
    return min_text ? max_text.error() : min_text.error();
  auto min = integer_of(*min_text);
  auto max = integer_of(*max_text);
  if (!min || *min < 1)
    return invalid_parameter("minCount", *min_text, "Expecting a positive integer.");
  if (!max || *max < 1)
    return invalid_parameter("maxCount", *max_text, "Expecting a positive integer.");
  if (*min > *max) {
    return invalid_parameter("minCount", *min_text,
                             "Expecting a value less than or equal to maxCount.");
  }
  if (*min > kMaxInstancesPerLaunch) {
    return client_error("InstanceLimitExceeded", "You have requested more instances (" + *min_text +
                                                     ") than your current instance limit of " +
                                                     std::to_string(kMaxInstancesPerLaunch) +
                                                     " allows for the specified "
                                                     "instance type.");
  }
  launch.min_count = static_cast<int>(*min);
  launch.max_count = static_cast<int>(std::min<long long>(*max, kMaxInstancesPerLaunch));
  return std::nullopt;
}

Check read_image_and_type(const FormParams& params, LaunchRequest& launch) {
  auto image = required(params, "ImageId");
  if (!image)
    return image.error();
  if (!is_image_id(*image) && !image->starts_with(kSsmImagePrefix))
    return image_id_malformed(*image);
  launch.image_id = *image;
  launch.instance_type = params.get_or("InstanceType", launch.instance_type);
  return std::nullopt;
}

Check read_network(const FormParams& params, LaunchRequest& launch) {
  FormParams interface = params.sub("NetworkInterface.1");
  launch.subnet_id = params.get_or("SubnetId", interface.get_or("SubnetId", ""));
  launch.security_group_ids = params.list("SecurityGroupId");
  for (std::string& id : interface.list("SecurityGroupId"))
    launch.security_group_ids.push_back(std::move(id));
  launch.security_group_names = params.list("SecurityGroup");
  if (interface.has("AssociatePublicIpAddress"))
    launch.associate_public_ip = interface.get_bool("AssociatePublicIpAddress");
  FormParams placement = params.sub("Placement");
  launch.availability_zone = placement.get_or("AvailabilityZone", "");
  launch.placement_group = placement.get_or("GroupName", "");
  launch.key_name = params.get_or("KeyName", "");
  FormParams profile = params.sub("IamInstanceProfile");
  launch.instance_profile = profile.get_or("Arn", profile.get_or("Name", ""));
  return std::nullopt;
}

Check read_user_data(const FormParams& params, LaunchRequest& launch) {
  launch.user_data = params.get_or("UserData", "");
  if (launch.user_data.empty())
    return std::nullopt;
  auto decoded = base64_decode(launch.user_data);
  if (!decoded)
    return client_error("InvalidParameterValue", "Invalid BASE64 encoding of user data.");
  if (decoded->size() > kMaxUserDataBytes)
    return client_error("InvalidParameterValue", "User data is limited to 16384 bytes");
  launch.user_data_decoded = std::move(*decoded);
  return std::nullopt;
}

Check read_tags(const FormParams& params, LaunchRequest& launch) {
  auto tagged = [&](std::string_view type) {
    return tags_for(params, type,
                    {"instance", "volume", "network-interface", "spot-instances-request"});
  };
  auto instance_tags = tagged("instance");
  if (!instance_tags)
    return instance_tags.error();
  auto volume_tags = tagged("volume");
  if (!volume_tags)
    return volume_tags.error();
  launch.instance_tags = std::move(*instance_tags);
  launch.volume_tags = std::move(*volume_tags);
  return std::nullopt;
}

Check read_metadata_options(const FormParams& params, LaunchRequest& launch) {
  FormParams options = params.sub("MetadataOptions");
  MetadataOptionsRequest& out = launch.metadata_options;
  auto tokens =
      choice(options, "HttpTokens", "httpTokens", out.http_tokens, {"optional", "required"});
  auto endpoint =
      choice(options, "HttpEndpoint", "httpEndpoint", out.http_endpoint, {"enabled", "disabled"});
  auto tags = choice(options, "InstanceMetadataTags", "instanceMetadataTags",
                     out.instance_metadata_tags, {"enabled", "disabled"});
  auto hops = bounded_integer(options, "HttpPutResponseHopLimit", "httpPutResponseHopLimit",
                              out.http_put_response_hop_limit, 1, 64);
  for (const auto* outcome : {&tokens, &endpoint, &tags}) {
    if (!*outcome)
      return outcome->error();
  }
  if (!hops)
    return hops.error();
  out = {*tokens, *endpoint, *tags, *hops};
  return std::nullopt;
}

Check read_behaviour(const FormParams& params, LaunchRequest& launch) {
  auto behaviour = choice(params, "InstanceInitiatedShutdownBehavior",
                          "instanceInitiatedShutdownBehavior", "stop", {"stop", "terminate"});
  if (!behaviour)
    return behaviour.error();
  launch.shutdown_behavior = *behaviour;
  launch.hibernation_configured = params.get_bool("HibernationOptions.Configured");
  launch.disable_api_termination = params.get_bool("DisableApiTermination");
  launch.disable_api_stop = params.get_bool("DisableApiStop");
  launch.client_token = params.get_or("ClientToken", "");
  return std::nullopt;
}

Check read_spot(const FormParams& params, LaunchRequest& launch) {
  FormParams market = params.sub("InstanceMarketOptions");
  if (market.empty())
    return std::nullopt;
  if (auto error = one_of("marketType", market.get_or("MarketType", ""), {"spot"}))
    return error;
  FormParams options = market.sub("SpotOptions");
  SpotRequest spot;
  spot.max_price = options.get_or("MaxPrice", "");
  if (!spot.max_price.empty()) {
    double price = 0;
    auto [end, ec] = std::from_chars(spot.max_price.data(),
                                     spot.max_price.data() + spot.max_price.size(), price);
    if (ec != std::errc{} || end != spot.max_price.data() + spot.max_price.size() || price <= 0)
      return invalid_parameter("maxPrice", spot.max_price);
  }
  auto type = choice(options, "SpotInstanceType", "spotInstanceType", spot.spot_instance_type,
                     {"one-time", "persistent"});
  auto behaviour = choice(options, "InstanceInterruptionBehavior", "instanceInterruptionBehavior",
                          spot.interruption_behavior, {"hibernate", "stop", "terminate"});
  if (!type)
    return type.error();
  if (!behaviour)
    return behaviour.error();
  spot.spot_instance_type = *type;
  spot.interruption_behavior = *behaviour;
  launch.spot = std::move(spot);
  return std::nullopt;
}

std::expected<EbsRequest, ApiError> read_block_device(const FormParams& mapping) {
  EbsRequest device;
  auto name = required(mapping, "DeviceName");
  if (!name)
    return std::unexpected(name.error());
  device.device_name = *name;
  FormParams ebs = mapping.sub("Ebs");
  if (ebs.has("VolumeSize")) {
    auto size = bounded_integer(ebs, "VolumeSize", "volumeSize", 8, 1, 16384);
    if (!size)
      return std::unexpected(size.error());
    device.volume_size_gib = *size;
  }
  auto type = choice(ebs, "VolumeType", "volumeType", "gp3",
                     {"standard", "io1", "io2", "gp2", "gp3", "sc1", "st1"});
  if (!type)
    return std::unexpected(type.error());
  device.volume_type = *type;
  device.encrypted = ebs.get_bool("Encrypted");
  device.delete_on_termination = ebs.get_bool("DeleteOnTermination", true);
  if (auto iops = ebs.get("Iops"); iops && integer_of(*iops))
    device.iops = static_cast<int>(*integer_of(*iops));
  return device;
}

Check read_block_devices(const FormParams& params, LaunchRequest& launch) {
  for (const FormParams& mapping : params.structs("BlockDeviceMapping")) {
    if (mapping.sub("Ebs").empty())
      continue;  // instance-store and NoDevice mappings have no volume to record
    auto device = read_block_device(mapping);
    if (!device)
      return device.error();
    launch.block_devices.push_back(std::move(*device));
  }
  return std::nullopt;
}

}  // namespace

ApiError invalid_parameter(std::string_view name, std::string_view value, std::string_view reason) {
  std::string message =
      "Value (" + std::string(value) + ") for parameter " + std::string(name) + " is invalid.";
  if (!reason.empty())
    message += " " + std::string(reason);
  return client_error("InvalidParameterValue", std::move(message));
}

std::expected<LaunchRequest, ApiError> parse_launch_request(const FormParams& params) {
  LaunchRequest launch;
  using Reader = Check (*)(const FormParams&, LaunchRequest&);
  for (Reader read : {read_image_and_type, read_counts, read_network, read_user_data, read_tags,
                      read_metadata_options, read_behaviour, read_spot, read_block_devices}) {
    if (auto error = read(params, launch))
      return std::unexpected(*error);
  }
  return launch;
}

std::string launch_parameter_digest(const FormParams& params) {
  std::string canonical;
  for (const auto& [name, value] : params.values()) {
    if (name == "DryRun")
      continue;
    canonical.append(name).append("=").append(value).append("\n");
  }
  return sha256_hex(canonical);
}

}  // namespace spawn::localcloud
