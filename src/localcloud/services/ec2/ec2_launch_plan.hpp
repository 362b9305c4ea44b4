// Where a RunInstances request lands: the image, the instance type, the subnet
// (the one asked for, else the region's default subnet in the requested zone),
// the security groups (which must live in that subnet's VPC), the key pair and
// the placement group, each looked up in the request's region and answered
// with EC2's NotFound code when missing.
#pragma once

#include <chrono>
#include <expected>
#include <string>
#include <vector>

#include "localcloud/api/api.hpp"
#include "localcloud/services/ec2/ec2_launch_request.hpp"
#include "localcloud/services/ec2/ec2_operations.hpp"
#include "util/clock.hpp"

namespace spawn::localcloud {

// The instance profile RunInstances names, resolved before the store is written
// (IAM lives in its own region of the store, and SSM's parameters behind its own reader).
struct ProfileRef {
  std::string arn;
  std::string id;  // "AIPA…"
};

struct LaunchPlan {
  std::string architecture;      // of the image
  std::string root_device_name;  // of the image
  std::string vpc_id;
  std::string subnet_id;
  std::string availability_zone;
  bool public_ip = false;                // the subnet maps public IPs, or the request asked for one
  Json security_groups = Json::array();  // [{GroupId, GroupName}]
  std::string placement_group;
  std::optional<ProfileRef> profile;
};

// Resolves `launch` in `region`; `profile` was resolved beforehand.
std::expected<LaunchPlan, ApiError> plan_launch(Transaction& transaction, const Ec2Context& context,
                                                std::string_view region,
                                                const LaunchRequest& launch,
                                                std::optional<ProfileRef> profile);

// The AMI id an ImageId of the form "resolve:ssm:<parameter>" names (public parameters and
// the region's own); other ImageIds unchanged.
std::expected<std::string, ApiError> resolve_image_id(const ResourceStore& store,
                                                      std::string_view region,
                                                      const std::string& image_id);

// When EC2 sees a role added to an instance profile: `propagation_delay` after it went
// in (the IAM propagation fault; zero: at once).
struct ProfileVisibility {
  SystemTime now;
  std::chrono::milliseconds propagation_delay{0};
};

// The instance profile named by IamInstanceProfile.Arn/.Name, which must hold a role that
// EC2 can see by `visibility.now`; otherwise AWS's InvalidParameterValue for it.
std::expected<ProfileRef, ApiError> resolve_instance_profile(const ResourceStore& store,
                                                             std::string_view name_or_arn,
                                                             const ProfileVisibility& visibility);

}  // namespace spawn::localcloud
