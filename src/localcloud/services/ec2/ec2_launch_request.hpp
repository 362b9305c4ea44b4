// What a RunInstances request asks for, read and checked on its own (formats,
// ranges, allowed values) before anything is looked up in the store. Whether the
// image, subnet, groups, key pair and profile exist is ec2_launch_plan's job.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "localcloud/api/api.hpp"
#include "localcloud/services/ec2/ec2_request.hpp"

namespace spawn::localcloud {

inline constexpr std::size_t kMaxUserDataBytes = 16384;
inline constexpr int kMaxInstancesPerLaunch = 1000;
// An ImageId naming an SSM parameter that holds the AMI id ("resolve:ssm:/aws/service/...").
inline constexpr std::string_view kSsmImagePrefix = "resolve:ssm:";
// What EC2 launches when a request names no InstanceType.
inline constexpr std::string_view kDefaultInstanceType = "m1.small";

struct SpotRequest {
  std::string max_price;                            // "" = the on-demand price
  std::string spot_instance_type = "one-time";      // or "persistent"
  std::string interruption_behavior = "terminate";  // or "stop", "hibernate"
};

// One BlockDeviceMapping.N with an Ebs member.
struct EbsRequest {
  std::string device_name;
  std::optional<int> volume_size_gib;
  std::string volume_type;  // "" = gp3
  bool encrypted = false;
  bool delete_on_termination = true;
  std::optional<int> iops;
};

struct MetadataOptionsRequest {
  std::string http_tokens = "optional";
  std::string http_endpoint = "enabled";
  std::string instance_metadata_tags = "disabled";
  int http_put_response_hop_limit = 1;
};

struct LaunchRequest {
  std::string image_id;  // an AMI id, or kSsmImagePrefix and a parameter name
  std::string instance_type = std::string(kDefaultInstanceType);
  int min_count = 1;
  int max_count = 1;
  std::string subnet_id;  // SubnetId or NetworkInterface.1.SubnetId
  std::vector<std::string> security_group_ids;
  std::vector<std::string> security_group_names;
  std::optional<bool> associate_public_ip;  // NetworkInterface.1.AssociatePublicIpAddress
  std::string key_name;
  std::string availability_zone;  // Placement.AvailabilityZone
  std::string placement_group;    // Placement.GroupName
  std::string instance_profile;   // IamInstanceProfile.Arn, else .Name
  std::string user_data;          // base64, as sent
  std::string user_data_decoded;
  Ec2Tags instance_tags;
  Ec2Tags volume_tags;
  MetadataOptionsRequest metadata_options;
  std::string shutdown_behavior = "stop";
  bool hibernation_configured = false;
  std::optional<SpotRequest> spot;
  std::vector<EbsRequest> block_devices;
  bool disable_api_termination = false;
  bool disable_api_stop = false;
  std::string client_token;
};

// Reads and checks the request; InvalidParameterValue, MissingParameter,
// InvalidAMIID.Malformed or InstanceLimitExceeded when the client got it wrong.
std::expected<LaunchRequest, ApiError> parse_launch_request(const FormParams& params);

// "Value (x) for parameter name is invalid." followed by `reason` when given.
ApiError invalid_parameter(std::string_view name, std::string_view value,
                           std::string_view reason = "");

// What idempotency compares: every parameter but DryRun, hashed.
std::string launch_parameter_digest(const FormParams& params);

}  // namespace spawn::localcloud
