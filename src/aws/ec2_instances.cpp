// The instance operations. RunInstances carries most of spawn's launch
// decisions, so its parameters are built in named groups (basics, disks,
// placement, market, metadata); the ClientToken is filled in here when the
// caller has none, as botocore does, so a retried launch never makes two.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>

#include "aws/ec2.hpp"
#include "aws/ec2_params.hpp"
#include "aws/ec2_parse.hpp"
#include "aws/pagination.hpp"
#include "util/encoding.hpp"
#include "util/uuid.hpp"

namespace spawn::aws {

namespace {

void add_block_device_mappings(QueryParams& params,
                               const std::vector<BlockDeviceMapping>& mappings) {
  for (std::size_t i = 0; i < mappings.size(); ++i) {
    const auto& mapping = mappings[i];
    const auto prefix = fmt::format("BlockDeviceMapping.{}", i + 1);
    params.add(prefix + ".DeviceName", mapping.device_name);
    add_optional(params, prefix + ".Ebs.DeleteOnTermination", mapping.delete_on_termination);
    add_optional(params, prefix + ".Ebs.VolumeSize", mapping.volume_size_gib);
    params.add_if(prefix + ".Ebs.VolumeType", mapping.volume_type);
    add_optional(params, prefix + ".Ebs.Encrypted", mapping.encrypted);
  }
}

void add_launch_basics(QueryParams& params, const RunInstancesRequest& request) {
  params.add("ImageId", request.image_id);
  params.add_if("InstanceType", request.instance_type);
  params.add_if("KeyName", request.key_name);
  params.add("MinCount", std::to_string(request.min_count));
  params.add("MaxCount", std::to_string(request.max_count));
  add_list(params, "SecurityGroupId", request.security_group_ids);
  params.add_if("SubnetId", request.subnet_id);
  if (!request.user_data.empty())
    params.add("UserData", base64_encode(request.user_data));
  params.add("ClientToken", request.client_token.empty() ? random_uuid() : request.client_token);
  params.add_if("IamInstanceProfile.Arn", request.iam_instance_profile_arn);
  params.add_if("IamInstanceProfile.Name", request.iam_instance_profile_name);
  params.add_if("InstanceInitiatedShutdownBehavior", request.instance_initiated_shutdown_behavior);
}

void add_placement(QueryParams& params, const RunInstancesRequest& request) {
  params.add_if("Placement.AvailabilityZone", request.availability_zone);
  params.add_if("Placement.GroupName", request.placement_group);
}

void add_market_options(QueryParams& params, const std::optional<SpotOptions>& spot) {
  if (!spot)
    return;
  params.add("InstanceMarketOptions.MarketType", "spot");
  params.add_if("InstanceMarketOptions.SpotOptions.MaxPrice", spot->max_price);
  params.add_if("InstanceMarketOptions.SpotOptions.SpotInstanceType", spot->spot_instance_type);
  params.add_if("InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior",
                spot->instance_interruption_behavior);
}

void add_metadata_options(QueryParams& params, const MetadataOptions& options) {
  params.add_if("MetadataOptions.HttpTokens", options.http_tokens);
  add_optional(params, "MetadataOptions.HttpPutResponseHopLimit",
               options.http_put_response_hop_limit);
  params.add_if("MetadataOptions.HttpEndpoint", options.http_endpoint);
  params.add_if("MetadataOptions.InstanceMetadataTags", options.instance_metadata_tags);
}

// Base64 text from an XML element, tolerating the line breaks some servers insert.
Result<std::string> decode_base64_text(std::string text) {
  std::erase_if(text, [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
  auto decoded = base64_decode(text);
  if (!decoded)
    return fail(ErrorKind::parse,
                "EC2 answered base64 that does not decode: " + decoded.error().message);
  return decoded;
}

Page<Instance> parse_instances_page(pugi::xml_node result) {
  Page<Instance> page{{}, xml::text(result, "nextToken")};
  for (pugi::xml_node item : xml::list(result, "reservationSet")) {
    Reservation reservation = parse_reservation(item);
    std::ranges::move(reservation.instances, std::back_inserter(page.items));
  }
  return page;
}

std::vector<InstanceStateChange> parse_state_changes(pugi::xml_node result) {
  return parse_items(result, "instancesSet", parse_state_change);
}

QueryParams instance_ids_params(const std::vector<std::string>& ids, DryRun dry_run) {
  QueryParams params;
  add_list(params, "InstanceId", ids);
  add_dry_run(params, dry_run);
  return params;
}

// "open" lets the instance use any matching open reservation; an id targets that one.
void add_capacity_reservation(QueryParams& params, const std::string& reservation) {
  if (reservation == "open") {
    params.add("CapacityReservationSpecification.CapacityReservationPreference", "open");
  } else if (!reservation.empty()) {
    params.add("CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationId",
               reservation);
  }
}

}  // namespace

Result<Reservation> Ec2Client::run_instances(const RunInstancesRequest& request) {
  QueryParams params;
  add_block_device_mappings(params, request.block_device_mappings);
  add_launch_basics(params, request);
  add_placement(params, request);
  add_dry_run(params, request.dry_run);
  add_tag_specifications(params, request.tag_specifications);
  add_market_options(params, request.spot);
  if (request.hibernation_configured)
    add_bool(params, "HibernationOptions.Configured", true);
  add_metadata_options(params, request.metadata_options);
  add_capacity_reservation(params, request.capacity_reservation);
  return parse_answer(call("RunInstances", params), parse_reservation);
}

Result<Page<Instance>> Ec2Client::describe_instances(const DescribeRequest& request) {
  QueryParams params;
  add_describe(params, "InstanceId", request);
  return parse_answer(call("DescribeInstances", params), parse_instances_page);
}

Result<std::vector<Instance>> Ec2Client::describe_instances_all(const DescribeRequest& request) {
  return collect_all_pages(request, [this](const auto& next) { return describe_instances(next); });
}

Result<Page<InstanceStatus>> Ec2Client::describe_instance_status(
    const DescribeInstanceStatusRequest& request) {
  QueryParams params;
  add_filters(params, request.filters);
  add_list(params, "InstanceId", request.instance_ids);
  add_page(params, request.page);
  if (request.include_all_instances)
    add_bool(params, "IncludeAllInstances", true);
  return parse_answer(call("DescribeInstanceStatus", params),
                      page_of("instanceStatusSet", parse_instance_status));
}

Result<std::vector<InstanceStatus>> Ec2Client::describe_instance_status_all(
    const DescribeInstanceStatusRequest& request) {
  return collect_all_pages(request,
                           [this](const auto& next) { return describe_instance_status(next); });
}

Result<std::string> Ec2Client::describe_instance_attribute(const std::string& instance_id,
                                                           InstanceAttribute attribute) {
  const bool user_data = attribute == InstanceAttribute::user_data;
  const std::string name = user_data ? "userData" : "instanceInitiatedShutdownBehavior";
  QueryParams params;
  params.add("Attribute", name);
  params.add("InstanceId", instance_id);
  // The answer wraps the value: <userData><value>base64</value></userData>.
  auto value = parse_answer(call("DescribeInstanceAttribute", params), text_of(name + "/value"));
  if (!value || !user_data)
    return value;
  return decode_base64_text(std::move(*value));
}

Result<std::vector<InstanceStateChange>> Ec2Client::terminate_instances(
    const InstanceIdsRequest& request) {
  return parse_answer(
      call("TerminateInstances", instance_ids_params(request.instance_ids, request.dry_run)),
      parse_state_changes);
}

Result<std::vector<InstanceStateChange>> Ec2Client::stop_instances(
    const StopInstancesRequest& request) {
  QueryParams params = instance_ids_params(request.instance_ids, request.dry_run);
  if (request.mode == StopMode::hibernate)
    add_bool(params, "Hibernate", true);
  if (request.force)
    add_bool(params, "Force", true);
  return parse_answer(call("StopInstances", params), parse_state_changes);
}

Result<std::vector<InstanceStateChange>> Ec2Client::start_instances(
    const InstanceIdsRequest& request) {
  return parse_answer(
      call("StartInstances", instance_ids_params(request.instance_ids, request.dry_run)),
      parse_state_changes);
}

Result<ConsoleOutput> Ec2Client::get_console_output(const std::string& instance_id) {
  auto answer = parse_answer(
      call("GetConsoleOutput", resource_params("InstanceId", instance_id, DryRun::no)),
      [](pugi::xml_node result) {
        return ConsoleOutput{xml::text(result, "instanceId"), xml::text(result, "output"),
                             xml::timestamp(result, "timestamp")};
      });
  if (!answer)
    return answer;
  auto decoded = decode_base64_text(std::move(answer->output));
  if (!decoded)
    return std::unexpected(std::move(decoded.error()));
  answer->output = std::move(*decoded);
  return answer;
}

}  // namespace spawn::aws
