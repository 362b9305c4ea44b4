// `spawn launch` as a saga (ARCHITECTURE decision 4). The path to a running
// instance is three rounds and a wait:
//   1. look-ups, all at once: region, account, instance type, image, key, network,
//      role, agent, spot price (launch_facts) — nothing exists yet, so a refusal
//      here (unknown type, no hibernation, too much user-data) leaves nothing;
//   2. creations, all at once: key import, security group / VPC, role, agent
//      (launch_resources), each recorded in the saga;
//   3. RunInstances with a ClientToken, retried while a new role propagates;
// then the waits: running, an address, an SSH greeting. If any step fails, or the
// user presses Ctrl-C, the saga undoes what this launch created, newest first, and
// the error says what failed and what was removed. A warm launch (everything exists)
// costs two sequential AWS round trips; a cold one five, the IAM chain being longest.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "aws/ec2.hpp"
#include "core/launch_spec.hpp"
#include "core/pricing.hpp"
#include "spawn/ops/launch_context.hpp"
#include "util/clock.hpp"

namespace spawn::ops {

enum class WaitFor { ssh, nothing };
enum class LaunchMode { real, dry_run };

struct LaunchOutcome {
  aws::Instance instance;  // as last described (or as RunInstances answered with --no-wait)
  std::string region;
  std::string key_name;
  HourlyPrice price;
  std::optional<SystemTime> deadline;  // launch time + TTL
  bool ssh_answered = false;
  // --dry-run: the AWS calls a launch would make, and EC2's verdict on RunInstances.
  std::vector<std::string> plan;
  std::string dry_run_verdict;
};

Result<LaunchOutcome> launch_instance(LaunchContext& context, const LaunchSpec& spec,
                                      LaunchMode mode, WaitFor wait);

// The hourly price shown for `spec` in `region`: the live spot price when there is one,
// truffle's piped price next, the embedded table last.
HourlyPrice launch_price(const LaunchSpec& spec, const std::string& region,
                         std::optional<double> live_spot_price);

}  // namespace spawn::ops
