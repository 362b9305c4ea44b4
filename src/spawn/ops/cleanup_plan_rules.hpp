// The pieces plan_cleanup() is assembled from (cleanup_plan*.cpp only; not a public
// interface): building actions and the IAM half of the plan.
#pragma once

#include <string>
#include <vector>

#include "spawn/ops/cleanup_plan.hpp"

namespace spawn::ops::cleanup_rules {

// An action about one resource, with no reason yet.
CleanupAction about(const std::string& region, ResourceKind kind, std::string id,
                    std::string label = {});

// `action` with its reason (and what the reason refers to).
CleanupAction because(CleanupAction action, Reason reason, std::string detail = {});

// Whether `created` lies less than kFreshGrace before `now`.
bool is_fresh(const std::optional<SystemTime>& created, SystemTime now);

// Adds the instance profiles, then the roles, that no instance in any region needs.
void plan_iam(const Inventory& inventory, const PlanOptions& options, CleanupPlan& plan);

}  // namespace spawn::ops::cleanup_rules
