// `spawn launch --dry-run`: what the launch would create and the RunInstances it
// would send, after the read-only first round, with EC2 asked to check the request
// and the caller's permissions (DryRun) — and nothing created.
#pragma once

#include <vector>

#include "core/launch_spec.hpp"
#include "core/tag.hpp"
#include "spawn/ops/launch.hpp"
#include "spawn/ops/launch_facts.hpp"

namespace spawn::ops {

// What the launch would put on the instance, decided before any creation.
struct LaunchShape {
  std::vector<Tag> tags;
  int volume_gib = kDefaultVolumeGib;
};

// Fills outcome.plan with one line per AWS call a launch would make and
// outcome.dry_run_verdict with EC2's answer to a DryRun RunInstances. ErrorKind::auth (or
// EC2's error) when EC2 says the real request would fail.
Result<LaunchOutcome> plan_launch(LaunchContext& context, const LaunchSpec& spec,
                                  const LaunchFacts& facts, const LaunchShape& shape,
                                  LaunchOutcome outcome);

}  // namespace spawn::ops
