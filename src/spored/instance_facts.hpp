// What the instance knows about itself from IMDSv2: who it is, where, since when,
// and whether it is a spot instance. Read once when the agent starts; without it
// the agent cannot call EC2, so it keeps asking (see the daemon).
#pragma once

#include <optional>
#include <string>

#include "aws/imds.hpp"
#include "util/result.hpp"

namespace spawn::spored {

struct InstanceFacts {
  std::string instance_id;
  std::string region;
  std::string account_id;
  std::optional<SystemTime> launch_time;  // pendingTime of the identity document
  bool spot = false;                      // meta-data/instance-life-cycle is "spot"
};

Result<InstanceFacts> read_instance_facts(aws::ImdsClient& imds);

}  // namespace spawn::spored
