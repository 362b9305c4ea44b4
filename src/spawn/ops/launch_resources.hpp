// The second round of a launch: create what the first round did not find — import
// the SSH key, the security group (and, without a default VPC, spawn's VPC), the
// instance role and profile, and publish the agent to the account's agent bucket.
// The four are independent and run at once. Everything a launch may be asked to undo
// gets a step in the saga; the imported key and the agent bucket are kept on purpose
// (the key is the user's, tagged spawn:keep; the bucket serves every later launch).
#pragma once

#include <string>

#include "core/agent_install.hpp"
#include "core/launch_spec.hpp"
#include "spawn/ops/instance_profile.hpp"
#include "spawn/ops/launch_context.hpp"
#include "spawn/ops/launch_facts.hpp"
#include "spawn/ops/network.hpp"
#include "spawn/ops/saga.hpp"

namespace spawn::ops {

struct LaunchResources {
  std::string key_name;  // empty: launched without a key pair
  NetworkChoice network;
  ProfileChoice profile;
  AgentDownload agent;
};

Result<LaunchResources> prepare_launch_resources(LaunchContext& context, const LaunchSpec& spec,
                                                 const LaunchFacts& facts, Saga& saga);

}  // namespace spawn::ops
