#include "localcloud/services/ec2/ec2_metadata_source.hpp"

#include "localcloud/services/iam/iam_lookup.hpp"
#include "util/time_format.hpp"

namespace spawn::localcloud {
namespace {

std::string text_at(const Json& document, const char* pointer) {
  return document.value(Json::json_pointer(pointer), "");
}

std::map<std::string, std::string> tags_of(const Json& instance) {
  std::map<std::string, std::string> tags;
  const Json stored = instance.value("Tags", Json::object());
  for (const auto& [key, value] : stored.items())
    tags[key] = value.is_string() ? value.get<std::string>() : value.dump();
  return tags;
}

std::optional<std::string> spot_action_of(const Json& instance) {
  const Json* notice = runtime_member(instance, runtime::kSpotAction);
  if (notice == nullptr)
    return std::nullopt;
  return notice->dump();
}

}  // namespace

std::optional<std::pair<std::string, Json>> Ec2MetadataSource::find(
    std::string_view instance_id) const {
  auto region = region_of_instance(context_.deps.store, instance_id);
  if (!region)
    return std::nullopt;
  auto instance = context_.deps.store.get(*region, kInstanceKind, instance_id);
  if (!instance)
    return std::nullopt;
  return std::pair{*region, std::move(*instance)};
}

std::optional<InstanceMetadata> Ec2MetadataSource::metadata(std::string_view instance_id) const {
  auto found = find(instance_id);
  if (!found || state_of(found->second) == InstanceState::terminated)
    return std::nullopt;
  const auto& [region, instance] = *found;
  InstanceMetadata metadata;
  metadata.instance_id = instance.value("InstanceId", "");
  metadata.instance_type = instance.value("InstanceType", "");
  metadata.image_id = instance.value("ImageId", "");
  metadata.region = region;
  metadata.availability_zone = text_at(instance, "/Placement/AvailabilityZone");
  metadata.private_ip = instance.value("PrivateIpAddress", "");
  metadata.public_ip = instance.value("PublicIpAddress", "");
  metadata.architecture = instance.value("Architecture", "x86_64");
  metadata.spot = instance.value("InstanceLifecycle", "") == "spot";
  metadata.launch_time = parse_iso8601(instance.value("LaunchTime", "")).value_or(SystemTime{});
  metadata.tokens_required = text_at(instance, "/MetadataOptions/HttpTokens") == "required";
  metadata.endpoint_enabled = text_at(instance, "/MetadataOptions/HttpEndpoint") != "disabled";
  metadata.tags_enabled = text_at(instance, "/MetadataOptions/InstanceMetadataTags") == "enabled";
  metadata.tags = tags_of(instance);
  std::string profile = text_at(instance, "/IamInstanceProfile/Arn");
  if (!profile.empty()) {
    if (auto role = find_instance_profile_role(context_.deps.store, profile))
      metadata.role_name = role->role_name;
  }
  metadata.spot_instance_action = spot_action_of(instance);
  return metadata;
}

Result<AccessKey> Ec2MetadataSource::role_credentials(std::string_view instance_id) {
  auto metadata = this->metadata(instance_id);
  if (!metadata)
    return fail(ErrorKind::not_found, "no instance " + std::string(instance_id));
  if (metadata->role_name.empty())
    return fail(ErrorKind::not_found, "instance " + std::string(instance_id) + " has no role");
  return context_.deps.credentials.issue_temporary(
      assumed_role_arn(metadata->role_name, instance_id), kRoleCredentialLifetime,
      context_.deps.clock.now());
}

void Ec2MetadataSource::shutdown_requested(std::string_view instance_id) {
  auto region = region_of_instance(context_.deps.store, instance_id);
  if (!region)
    return;
  TransitionTiming timing = lifecycle_.timing();
  auto transition = context_.deps.store.write(
      [&](Transaction& transaction) -> std::expected<Transition, ApiError> {
        Json* instance = transaction.find(*region, kInstanceKind, instance_id);
        if (instance == nullptr)
          return std::unexpected(instances_not_found({std::string(instance_id)}));
        if (instance->value("InstanceInitiatedShutdownBehavior", "stop") == "terminate")
          return begin_termination(*instance, kInstanceShutdown, timing);
        return begin_stop(*instance, StopMode::stop, kInstanceShutdown, timing);
      });
  if (!transition)
    return;  // gone, or not running: nothing to shut down
  std::vector<Timer> timers;
  add_timer(timers, *region, *transition, timing.delay);
  lifecycle_.arm(timers);
}

}  // namespace spawn::localcloud
