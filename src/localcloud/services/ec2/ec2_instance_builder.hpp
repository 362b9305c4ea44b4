// The documents one launched instance consists of: the instance itself, pending,
// in EC2's Instance shape, and an EBS volume per block device (the root volume
// at least), tagged from the request's "volume" TagSpecification.
#pragma once

#include <string>
#include <vector>

#include "localcloud/services/ec2/ec2_launch_plan.hpp"
#include "util/clock.hpp"

namespace spawn::localcloud {

// What differs between the instances of one launch.
struct InstanceSlot {
  std::string instance_id;
  std::string reservation_id;
  int launch_index = 0;
  std::string private_ip;
  std::string public_ip;  // "" when none
};

struct BuiltInstance {
  Json instance;
  std::vector<Json> volumes;
};

// The documents of one instance launched at `now`, due to boot at `boot_due`.
BuiltInstance build_instance(const LaunchRequest& launch, const LaunchPlan& plan,
                             const InstanceSlot& slot, std::string_view region, SystemTime now,
                             SystemTime boot_due);

// "ip-127-1-0-1.ec2.internal" (us-east-1) or "ip-127-1-0-1.<region>.compute.internal".
std::string private_dns_name(std::string_view ip, std::string_view region);
// "ec2-127-64-0-1.compute-1.amazonaws.com" or "ec2-….<region>.compute.amazonaws.com".
std::string public_dns_name(std::string_view ip, std::string_view region);

}  // namespace spawn::localcloud
