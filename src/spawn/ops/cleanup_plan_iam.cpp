// The IAM half of the plan. IAM is global, so "unused" means no instance in any
// region, which only a complete scan can tell: one region that could not be read
// keeps every role and profile. Profiles go before the roles inside them; a role
// stays while any profile holding it stays.
#include <algorithm>

#include "spawn/ops/cleanup_plan_rules.hpp"

namespace spawn::ops::cleanup_rules {

namespace {

const aws::Instance* instance_with_profile(const Inventory& inventory,
                                           const aws::InstanceProfile& profile) {
  const std::string suffix = "/" + profile.name;
  for (const RegionInventory& region : inventory.regions) {
    for (const aws::Instance& instance : region.instances) {
      const std::string& arn = instance.iam_instance_profile_arn;
      if (!arn.empty() && (arn == profile.arn || arn.ends_with(suffix)))
        return &instance;
    }
  }
  return nullptr;
}

bool holds_role(const aws::InstanceProfile& profile, const std::string& role_name) {
  return std::any_of(profile.roles.begin(), profile.roles.end(),
                     [&](const aws::Role& role) { return role.name == role_name; });
}

// The reason to keep any spawn IAM resource, whatever uses it; nullopt when there is none.
std::optional<CleanupAction> reason_to_keep(const Inventory& inventory, const PlanOptions& options,
                                            CleanupAction action,
                                            const std::optional<SystemTime>& created) {
  if (options.recent_iam == RecentIam::keep && is_fresh(created, options.now))
    return because(std::move(action), Reason::recently_created);
  if (!inventory.failed_regions.empty()) {
    return because(std::move(action), Reason::region_not_scanned,
                   inventory.failed_regions.front().region);
  }
  return std::nullopt;
}

class IamPlanner {
 public:
  IamPlanner(const Inventory& inventory, const PlanOptions& options, CleanupPlan& plan)
      : inventory_(inventory), iam_(*inventory.iam), options_(options), plan_(plan) {}

  void run() {
    for (const auto& profile : iam_.profiles) {
      if (is_spawn_managed(profile.tags))
        plan_profile(profile);
    }
    for (const auto& role : iam_.roles) {
      if (is_spawn_managed(role.tags))
        plan_role(role);
    }
  }

 private:
  CleanupAction about(ResourceKind kind, const std::string& name) const {
    return cleanup_rules::about(std::string(kGlobalRegion), kind, name);
  }

  void plan_profile(const aws::InstanceProfile& profile) {
    CleanupAction action = about(ResourceKind::instance_profile, profile.name);
    if (auto kept = reason_to_keep(inventory_, options_, action, profile.created))
      return keep_profile(profile, std::move(*kept));
    if (const aws::Instance* user = instance_with_profile(inventory_, profile))
      return keep_profile(profile, because(action, Reason::in_use, user->instance_id));
    if (!profile.roles.empty()) {
      action.parent = profile.roles.front().name;
      action.unit = action.parent;
    }
    plan_.deletions.push_back(because(action, Reason::unused));
  }

  void keep_profile(const aws::InstanceProfile& profile, CleanupAction kept) {
    kept_profiles_.push_back(profile.name);
    plan_.kept.push_back(std::move(kept));
  }

  void plan_role(const aws::Role& role) {
    CleanupAction action = about(ResourceKind::role, role.name);
    if (auto kept = reason_to_keep(inventory_, options_, action, role.created))
      return plan_.kept.push_back(std::move(*kept));
    for (const auto& profile : iam_.profiles) {
      if (!holds_role(profile, role.name))
        continue;
      if (!is_spawn_managed(profile.tags))
        return plan_.kept.push_back(because(action, Reason::foreign_profile, profile.name));
      if (std::find(kept_profiles_.begin(), kept_profiles_.end(), profile.name) !=
          kept_profiles_.end())
        return plan_.kept.push_back(because(action, Reason::profile_stays, profile.name));
    }
    action.unit = role.name;
    plan_.deletions.push_back(because(action, Reason::unused));
  }

  const Inventory& inventory_;
  const IamInventory& iam_;
  const PlanOptions& options_;
  CleanupPlan& plan_;
  std::vector<std::string> kept_profiles_;
};

}  // namespace

CleanupAction about(const std::string& region, ResourceKind kind, std::string id,
                    std::string label) {
  CleanupAction action;
  action.region = region;
  action.kind = kind;
  action.id = std::move(id);
  action.label = std::move(label);
  return action;
}

CleanupAction because(CleanupAction action, Reason reason, std::string detail) {
  action.reason = reason;
  action.detail = std::move(detail);
  return action;
}

bool is_fresh(const std::optional<SystemTime>& created, SystemTime now) {
  return created && now - *created < kFreshGrace;
}

void plan_iam(const Inventory& inventory, const PlanOptions& options, CleanupPlan& plan) {
  if (inventory.iam)
    IamPlanner(inventory, options, plan).run();
}

}  // namespace spawn::ops::cleanup_rules
