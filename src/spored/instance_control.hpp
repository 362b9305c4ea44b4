// The EC2 requests the agent makes about its own instance: the stop actions, and
// tags that record why it acted. The IAM policy spawn gives the instance role
// allows exactly these, and only on instances tagged spawn:managed=true.
#pragma once

#include <string>
#include <vector>

#include "aws/ec2.hpp"
#include "spored/agent_config.hpp"
#include "util/result.hpp"

namespace spawn::spored {

class InstanceControl {
 public:
  InstanceControl(aws::Ec2Client& ec2, std::string instance_id)
      : ec2_(ec2), instance_id_(std::move(instance_id)) {}

  // Asks EC2 to terminate, stop or hibernate the instance (the client retries per AWS's
  // standard mode). A hibernation EC2 refuses becomes a plain stop; the returned note
  // says so (empty otherwise).
  Result<std::string> request(StopAction action);

  // Adds or overwrites tags on the instance.
  Result<void> record(const std::vector<aws::Tag>& tags);

 private:
  aws::Ec2Client& ec2_;
  std::string instance_id_;
};

// A hint for an error of request(): permission errors mean the instance role lacks
// the agent's policy. Empty when there is nothing better to say than the error.
std::string action_error_hint(const Error& error);

}  // namespace spawn::spored
