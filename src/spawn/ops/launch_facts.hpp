// The first round of a launch: everything it must know before creating anything,
// asked all at once (ARCHITECTURE decision 7). Each question is a read-only call, so
// a launch that stops here (bad instance type, unknown region, hibernation refused,
// --dry-run) has created nothing. The answers decide what the second round creates.
#pragma once

#include <optional>
#include <string>

#include "aws/ec2.hpp"
#include "aws/sts.hpp"
#include "core/agent_install.hpp"
#include "core/image_choice.hpp"
#include "core/launch_spec.hpp"
#include "spawn/ops/instance_profile.hpp"
#include "spawn/ops/launch_context.hpp"
#include "spawn/ops/network.hpp"

namespace spawn::ops {

struct LaunchFacts {
  std::string region;
  std::optional<aws::CallerIdentity> identity;  // absent until STS answered (or the cache did)
  aws::InstanceTypeInfo type;
  MachineFacts machine;
  std::string image_id;
  std::string root_device = std::string(kDefaultRootDevice);
  std::optional<std::string> key_pair;  // the key pair to launch with, when it exists already
  std::string ssh_cidr;
  NetworkLookup network;
  ProfileLookup profile;
  std::optional<AgentDownload> agent;  // the agent published in the region, when it is
  bool agent_known = false;            // the bucket was asked (agent absent: not published)
  std::optional<double> live_spot_price;
};

// Asks every question of the first round in parallel, in `region`. The first error (in a
// fixed order, the region's own first) is returned; each question reports as a step.
Result<LaunchFacts> gather_launch_facts(LaunchContext& context, const LaunchSpec& spec,
                                        const std::string& region);

// Asks again what depended on the family's guess of the machine when the instance type
// proved it wrong (image and agent): one more parallel round, only then.
Result<void> complete_launch_facts(LaunchContext& context, const LaunchSpec& spec,
                                   LaunchFacts& facts);

}  // namespace spawn::ops
