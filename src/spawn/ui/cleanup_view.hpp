// How `spawn cleanup` shows its plan and what it did: text grouped by region (IAM
// last) with what happens to each resource and why, and one JSON document for
// programs. Pure functions of the plan and the report, so every output is tested
// without AWS.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "spawn/ops/cleanup.hpp"

namespace spawn::ui {

// "security group", "instance profile", ... (translated).
std::string kind_text(ops::ResourceKind kind);

// Why the action's resource goes or stays, in words (translated).
std::string reason_text(const ops::CleanupAction& action);

// The plan, region by region: "  delete security group sg-1 (spawn-ssh-…): no instance uses
// it", then a line counting what goes and what stays. "" for an empty plan.
std::string render_cleanup_plan(const ops::CleanupPlan& plan);

// "Deleted 3 security groups, 1 instance profile, 1 role in 2 regions."; "Nothing was
// deleted." when nothing was.
std::string deleted_summary(const ops::CleanupReport& report);

// One line for each outcome that is not a deletion: still in use, skipped, or failed (with
// AWS's message).
std::vector<std::string> outcome_problems(const ops::CleanupReport& report);

// Everything as one document: the regions that could not be checked, the plan (deletions
// and kept), and, when `report` is given, the counts and every outcome.
nlohmann::ordered_json cleanup_document(const ops::Inventory& inventory,
                                        const ops::CleanupPlan& plan,
                                        const ops::CleanupReport* report);

}  // namespace spawn::ui
