// `spawn cleanup` against the cloud: find what spawn left behind in every region (and
// IAM, once) and delete what plan_cleanup() chose, in dependency order. Finding is
// read-only and runs the regions in parallel; a region that cannot be read is reported
// beside the others, never hidden, and keeps IAM (see cleanup_plan.hpp). Deleting runs
// the regions in parallel, each in the plan's order, and IAM after all of them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/session.hpp"
#include "spawn/ops/cleanup_plan.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// Whether to look at IAM: it is global, so a scan restricted with --region cannot tell
// whether an instance elsewhere uses spawn's roles.
enum class IamScan { yes, no };

struct DiscoverOptions {
  std::vector<std::string> regions{};  // where to look
  CleanupScope scope = CleanupScope::orphans;
  IamScan iam = IamScan::yes;
  std::string account_id{};  // names the agent bucket; with CleanupScope::all only
};

// Everything plan_cleanup() needs. A failed region (or IAM, as kGlobalRegion) is in
// failed_regions with its error.
Inventory discover_cleanup(aws::Session& session, const DiscoverOptions& options);

enum class Outcome {
  deleted,  // gone (also when it was gone already)
  in_use,   // AWS refused: something still uses it (DependencyViolation, DeleteConflict)
  skipped,  // not tried: an earlier step of its unit did not succeed
  failed,   // AWS refused for another reason; `error` says why
};

struct ActionOutcome {
  CleanupAction action{};
  Outcome outcome = Outcome::deleted;
  std::optional<Error> error{};  // for in_use and failed
};

struct CleanupReport {
  std::vector<ActionOutcome> outcomes{};  // in the plan's order
};

// Runs the plan's deletions.
CleanupReport execute_cleanup(aws::Session& session, const CleanupPlan& plan);

// How many of each kind were deleted.
std::map<ResourceKind, int> deleted_counts(const CleanupReport& report);

// The regions (not counting IAM) where something was deleted.
int regions_with_deletions(const CleanupReport& report);

}  // namespace spawn::ops
