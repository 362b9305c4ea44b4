// The one RunInstances request of a launch (spec §3.10 with its [REC]s), built from
// what the user asked and what the two rounds before found and created: IMDSv2
// required with instance tags visible to the agent, an encrypted gp3 root volume (as
// large as RAM needs when hibernating), the shutdown behaviour that backs the
// agent's last action, spot options, the role, the network, the tags on instance and
// volume, and the ClientToken that makes a retried call launch one instance only.
#pragma once

#include <string>
#include <vector>

#include "aws/ec2.hpp"
#include "core/launch_spec.hpp"
#include "core/tag.hpp"
#include "spawn/ops/launch_facts.hpp"
#include "spawn/ops/launch_resources.hpp"

namespace spawn::ops {

// The root volume size: the user's, else 20 GiB; with hibernation at least the RAM plus 10
// GiB (the memory is written to it). ErrorKind::usage when the user's size is too small.
Result<int> root_volume_gib(const LaunchSpec& spec, const aws::InstanceTypeInfo& type);

struct RunRequestInput {
  const LaunchSpec& spec;
  const LaunchFacts& facts;
  const LaunchResources& resources;
  std::vector<Tag> tags;
  std::string user_data;
  std::string client_token;
  int volume_gib = kDefaultVolumeGib;
};

aws::RunInstancesRequest run_instances_request(const RunRequestInput& input);

}  // namespace spawn::ops
