// Terminating managed instances: one TerminateInstances call per region, all
// regions at once. Termination cannot be undone, so the instances are checked
// again here (every one must carry spawn:managed=true) before any call is made.
#pragma once

#include <string>
#include <vector>

#include "aws/ec2.hpp"
#include "aws/session.hpp"
#include "spawn/ops/managed_instance.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// What one region answered.
struct RegionTermination {
  std::string region;
  Result<std::vector<aws::InstanceStateChange>> changes;
};

// Terminates `instances`, grouped by region, in the order regions first appear.
// ErrorKind::conflict (and no call at all) when one of them is not managed.
Result<std::vector<RegionTermination>> terminate_managed(
    aws::Session& session, const std::vector<ManagedInstance>& instances);

}  // namespace spawn::ops
