// Requests and answers of the EC2 instance operations: launch, describe, state
// changes, attributes, status checks and console output.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "aws/ec2_types.hpp"
#include "util/clock.hpp"

namespace spawn::aws {

// Instance metadata service settings; empty fields are left to AWS's defaults on launch.
struct MetadataOptions {
  std::string http_tokens{};             // "required" (IMDSv2 only) or "optional"
  std::string http_endpoint{};           // "enabled" or "disabled"
  std::string instance_metadata_tags{};  // "enabled" exposes tags under meta-data/tags/instance
  std::optional<int> http_put_response_hop_limit{};
};

// An EBS volume attached at launch.
struct BlockDeviceMapping {
  std::string device_name{};  // "/dev/xvda"
  std::optional<int> volume_size_gib{};
  std::string volume_type{};  // "gp3"
  std::optional<bool> encrypted{};
  std::optional<bool> delete_on_termination{};
};

// Asks for a spot instance instead of on-demand.
struct SpotOptions {
  std::string max_price{};                       // USD per hour; empty: the on-demand price
  std::string spot_instance_type{};              // "one-time" or "persistent"
  std::string instance_interruption_behavior{};  // "terminate", "stop" or "hibernate"
};

struct RunInstancesRequest {
  std::string image_id{};
  std::string instance_type{};
  int min_count = 1;
  int max_count = 1;
  std::string key_name{};
  std::vector<std::string> security_group_ids{};
  std::string subnet_id{};
  std::string user_data{};  // plain text; base64-encoded on the wire
  std::string iam_instance_profile_name{};
  std::string iam_instance_profile_arn{};
  std::vector<TagSpecification> tag_specifications{};
  MetadataOptions metadata_options{};
  std::string instance_initiated_shutdown_behavior{};  // "stop" or "terminate"
  std::vector<BlockDeviceMapping> block_device_mappings{};
  std::optional<SpotOptions> spot{};
  bool hibernation_configured = false;
  std::string availability_zone{};
  std::string placement_group{};
  // "open" (any matching open reservation), a reservation id ("cr-..."), or "" for none.
  std::string capacity_reservation{};
  std::string client_token{};  // makes retries safe; a fresh UUID when empty
  DryRun dry_run = DryRun::no;
};

// Instance states: code 0 pending, 16 running, 32 shutting-down, 48 terminated,
// 64 stopping, 80 stopped.
struct InstanceState {
  int code = 0;
  std::string name{};
};

struct GroupIdentifier {
  std::string group_id{};
  std::string group_name{};
};

struct StateReason {
  std::string code{};  // "Client.UserInitiatedShutdown"
  std::string message{};
};

struct Instance {
  std::string instance_id{};
  std::string instance_type{};
  InstanceState state{};
  std::string state_transition_reason{};  // "User initiated (2014-01-11 14:39:31 GMT)"
  StateReason state_reason{};
  std::optional<SystemTime> launch_time{};
  std::string image_id{};
  std::string key_name{};
  std::string public_ip{};
  std::string private_ip{};
  std::string public_dns{};
  std::string private_dns{};
  std::string availability_zone{};
  std::string placement_group{};
  std::string subnet_id{};
  std::string vpc_id{};
  std::vector<GroupIdentifier> security_groups{};
  std::vector<Tag> tags{};
  std::string lifecycle{};  // "spot"; empty for on-demand
  std::string spot_instance_request_id{};
  std::string architecture{};      // "x86_64", "arm64"
  std::string root_device_type{};  // "ebs"
  std::string root_device_name{};
  std::string iam_instance_profile_arn{};
  bool hibernation_configured = false;
  MetadataOptions metadata_options{};
};

// What RunInstances answers: the launched instances, usually still pending.
struct Reservation {
  std::string reservation_id{};
  std::string owner_id{};
  std::vector<Instance> instances{};
};

struct InstanceIdsRequest {
  std::vector<std::string> instance_ids{};
  DryRun dry_run = DryRun::no;
};

enum class StopMode { stop, hibernate };

struct StopInstancesRequest {
  std::vector<std::string> instance_ids{};
  StopMode mode = StopMode::stop;
  bool force = false;  // skip the guest's orderly shutdown
  DryRun dry_run = DryRun::no;
};

// The answer to terminate, stop and start, one per instance.
struct InstanceStateChange {
  std::string instance_id{};
  InstanceState previous{};
  InstanceState current{};
};

struct DescribeInstanceStatusRequest {
  std::vector<std::string> instance_ids{};
  std::vector<Filter> filters{};
  bool include_all_instances = false;  // also instances that are not running
  PageRequest page{};
};

struct InstanceStatus {
  std::string instance_id{};
  std::string availability_zone{};
  InstanceState state{};
  std::string system_status{};    // "ok", "impaired", "initializing", "insufficient-data", ...
  std::string instance_status{};  // same values, for the guest's own checks
};

// The instance attributes spawn reads back.
enum class InstanceAttribute { instance_initiated_shutdown_behavior, user_data };

struct ConsoleOutput {
  std::string instance_id{};
  std::string output{};  // decoded text; empty when the instance has written nothing yet
  std::optional<SystemTime> timestamp{};
};

}  // namespace spawn::aws
