// The background sweep `spawn launch` and `spawn list` run in their region: spawn's
// security groups that no instance uses any more are deleted, within a time budget.
//
// The race it must not lose: a launch finds (or creates) its group, and calls
// RunInstances with it some seconds later, after its other preparations (longer while a
// new instance profile propagates). In between no instance references the group, so a
// sweep running then (in another spawn process, or in the launch's own background)
// would see it unused, delete it, and fail the launch. EC2 records no creation time for
// a group to wait on. "No instance is pending in the region" does not help either:
// before RunInstances there is no instance, and after it the pending instance already
// references the group (EC2 then refuses the delete with DependencyViolation anyway).
//
// So a group goes only when two sweeps at least kSweepGrace apart both found it unused:
// the first tags it spawn:unused-since=<UTC time>; a later one deletes it when it is
// still unused and the tag is older than kSweepGrace; a sweep that finds it in use again
// removes the tag. A group created moments ago has no tag, so no sweep can delete it
// within kSweepGrace, far longer than any launch takes to reach RunInstances. What is
// left is a launch that picks up a group already idle for kSweepGrace at the very
// moment a sweep deletes it; the launch closes that by removing the tag from a group
// it reuses, and by creating the group again if RunInstances answers
// InvalidGroup.NotFound. `spawn cleanup` is different: the user asked, and saw the plan.
#pragma once

#include <chrono>
#include <future>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "aws/client.hpp"
#include "util/result.hpp"

namespace spawn::ops {

inline constexpr std::chrono::minutes kSweepGrace{10};
inline constexpr std::string_view kUnusedSinceKey = "spawn:unused-since";

struct SweepReport {
  std::vector<std::string> deleted;   // group ids
  std::vector<std::string> marked;    // found unused for the first time: tagged now
  std::vector<std::string> unmarked;  // in use again: tag removed
  std::vector<std::string> in_use;    // the delete met DependencyViolation
  std::vector<Error> failures;        // deletes or tag changes AWS refused otherwise
  bool out_of_time = false;           // the budget ended before all was done
};

// One sweep of the client's region. Reads first, both at once (spawn's groups, and the
// instances not terminated with their groups; an error there is the Result's), then
// starts no call after `budget` has passed since it began. The groups in `in_use` count as
// used whatever the instances say: a launch names the group it is about to use, which no
// instance references until its RunInstances is answered.
Result<SweepReport> sweep_orphaned_groups(aws::AwsClient& regional_client,
                                          std::chrono::milliseconds budget,
                                          const std::set<std::string>& in_use = {});

// Runs sweep_orphaned_groups on a thread of its own with a copy of `regional_client`.
// Destroying the future waits for it: at most `budget` plus the call under way.
std::future<Result<SweepReport>> start_group_sweep(const aws::AwsClient& regional_client,
                                                   std::chrono::milliseconds budget,
                                                   std::set<std::string> in_use = {});

}  // namespace spawn::ops
