// The instance's tags, which are spored's configuration: from IMDS (tags/instance,
// when the instance was launched with metadata tags on, as spawn does), else from
// EC2 DescribeTags with the instance role. Read at start, every minute and on SIGHUP,
// so `spawn extend` reaches a running agent without SSH.
#pragma once

#include <string>

#include "aws/ec2.hpp"
#include "aws/imds.hpp"
#include "spored/agent_config.hpp"
#include "util/result.hpp"

namespace spawn::spored {

struct TagRead {
  Tags tags;
  std::string source;  // "imds" or "describe-tags"
};

// `ec2` may be null when no EC2 client could be made. The error, when both fail,
// names both reasons.
Result<TagRead> read_instance_tags(aws::ImdsClient& imds, aws::Ec2Client* ec2,
                                   const std::string& instance_id);

}  // namespace spawn::spored
