#include "spawn/ops/run_request.hpp"

#include <fmt/format.h>

#include <cmath>

namespace spawn::ops {

namespace {

// Room for the operating system beside the hibernation image of the memory.
constexpr int kHibernationHeadroomGib = 10;

std::vector<aws::Tag> aws_tags(const std::vector<Tag>& tags) {
  std::vector<aws::Tag> converted;
  converted.reserve(tags.size());
  for (const Tag& tag : tags)
    converted.push_back({tag.key, tag.value});
  return converted;
}

}  // namespace

Result<int> root_volume_gib(const LaunchSpec& spec, const aws::InstanceTypeInfo& type) {
  int needed = kDefaultVolumeGib;
  if (spec.hibernate) {
    int memory_gib = static_cast<int>(std::ceil(static_cast<double>(type.memory_mib) / 1024.0));
    needed = std::max(needed, memory_gib + kHibernationHeadroomGib);
  }
  if (!spec.volume_size_gib)
    return needed;
  if (spec.hibernate && *spec.volume_size_gib < needed) {
    return fail(ErrorKind::usage,
                fmt::format("--volume-size {} is too small to hibernate a {} ({} MiB of memory)",
                            *spec.volume_size_gib, type.instance_type, type.memory_mib),
                fmt::format("give at least --volume-size {}, or leave it out", needed));
  }
  return *spec.volume_size_gib;
}

aws::RunInstancesRequest run_instances_request(const RunRequestInput& input) {
  const LaunchSpec& spec = input.spec;
  aws::RunInstancesRequest request;
  request.image_id = input.facts.image_id;
  request.instance_type = spec.instance_type;
  request.key_name = input.resources.key_name;
  request.subnet_id = input.resources.network.subnet_id;
  if (!input.resources.network.security_group_id.empty())
    request.security_group_ids = {input.resources.network.security_group_id};
  request.user_data = input.user_data;
  request.iam_instance_profile_name = input.resources.profile.name;
  auto tags = aws_tags(input.tags);
  request.tag_specifications = {{"instance", tags}, {"volume", tags}};
  request.metadata_options = {.http_tokens = "required",
                              .http_endpoint = "enabled",
                              .instance_metadata_tags = "enabled",
                              .http_put_response_hop_limit = 1};
  request.instance_initiated_shutdown_behavior = std::string(shutdown_behavior(spec));
  request.block_device_mappings = {{.device_name = input.facts.root_device,
                                    .volume_size_gib = input.volume_gib,
                                    .volume_type = "gp3",
                                    .encrypted = true,
                                    .delete_on_termination = true}};
  if (spec.spot) {
    request.spot = aws::SpotOptions{.max_price = spec.spot_max_price,
                                    .spot_instance_type = "one-time",
                                    .instance_interruption_behavior = "terminate"};
  }
  request.hibernation_configured = spec.hibernate;
  request.availability_zone = spec.availability_zone;
  request.capacity_reservation = spec.reservation;
  request.client_token = input.client_token;
  return request;
}

}  // namespace spawn::ops
