// The regional half of the plan: security groups, key pairs, the spawn VPC and the
// agent bucket. The VPC is decided first, since its groups join its teardown unit.
#include "spawn/ops/cleanup_plan.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "spawn/ops/cleanup_plan_rules.hpp"

namespace spawn::ops {

namespace {

using cleanup_rules::because;

constexpr std::string_view kManagedKey = "spawn:managed";
constexpr std::string_view kKeepKey = "spawn:keep";
constexpr std::string_view kImportedKey = "spawn:imported";
constexpr std::string_view kPurposeKey = "spawn:purpose";
constexpr std::string_view kAgentPurpose = "agent";
constexpr std::string_view kTrue = "true";
constexpr std::string_view kDefaultGroupName = "default";

template <class Uses>
const aws::Instance* first_instance(const std::vector<aws::Instance>& instances, Uses uses) {
  auto found = std::find_if(instances.begin(), instances.end(), uses);
  return found == instances.end() ? nullptr : &*found;
}

bool is_main(const aws::RouteTable& table) {
  return std::any_of(
      table.associations.begin(), table.associations.end(),
      [](const aws::RouteTableAssociation& association) { return association.main; });
}

// The first resource in the VPC that spawn did not create, or "" when there is none.
std::string foreign_part(const SpawnVpc& found) {
  for (const auto& subnet : found.subnets) {
    if (!is_spawn_managed(subnet.tags))
      return subnet.subnet_id;
  }
  for (const auto& gateway : found.gateways) {
    if (!is_spawn_managed(gateway.tags))
      return gateway.internet_gateway_id;
  }
  for (const auto& table : found.route_tables) {
    if (!is_main(table) && !is_spawn_managed(table.tags))
      return table.route_table_id;
  }
  for (const auto& group : found.security_groups) {
    if (group.group_name != kDefaultGroupName && !is_spawn_managed(group.tags))
      return group.group_id;
  }
  return {};
}

class RegionPlanner {
 public:
  RegionPlanner(const RegionInventory& region, const PlanOptions& options, CleanupPlan& plan)
      : region_(region), options_(options), plan_(plan) {}

  void run() {
    for (const auto& found : region_.vpcs)
      plan_vpc(found);
    plan_groups();
    plan_key_pairs();
    plan_bucket();
    std::stable_sort(
        deletions_.begin(), deletions_.end(),
        [](const CleanupAction& a, const CleanupAction& b) { return a.kind < b.kind; });
    plan_.deletions.insert(plan_.deletions.end(), deletions_.begin(), deletions_.end());
  }

 private:
  CleanupAction about(ResourceKind kind, std::string id, std::string label = {}) const {
    return cleanup_rules::about(region_.region, kind, std::move(id), std::move(label));
  }
  void keep(CleanupAction action) { plan_.kept.push_back(std::move(action)); }
  void remove(CleanupAction action) { deletions_.push_back(std::move(action)); }

  // A part of a VPC being deleted: it goes in the VPC's unit.
  void remove_part(ResourceKind kind, const std::string& id, const std::string& vpc_id) {
    CleanupAction part = because(about(kind, id), Reason::part_of_vpc, vpc_id);
    part.parent = vpc_id;
    part.unit = vpc_id;
    remove(std::move(part));
  }

  void plan_vpc(const SpawnVpc& found) {
    const std::string& vpc_id = found.vpc.vpc_id;
    if (!is_spawn_managed(found.vpc.tags) || found.vpc.is_default)
      return;
    CleanupAction vpc = about(ResourceKind::vpc, vpc_id);
    if (options_.scope != CleanupScope::all)
      return keep(because(vpc, Reason::needs_all));
    auto in_vpc = [&](const aws::Instance& instance) { return instance.vpc_id == vpc_id; };
    if (const aws::Instance* user = first_instance(region_.instances, in_vpc))
      return keep(because(vpc, Reason::in_use, user->instance_id));
    if (std::string foreign = foreign_part(found); !foreign.empty())
      return keep(because(vpc, Reason::foreign_part, foreign));
    doomed_vpcs_.insert(vpc_id);
    for (const auto& subnet : found.subnets)
      remove_part(ResourceKind::subnet, subnet.subnet_id, vpc_id);
    for (const auto& table : found.route_tables) {
      if (!is_main(table))
        remove_part(ResourceKind::route_table, table.route_table_id, vpc_id);
    }
    for (const auto& gateway : found.gateways)
      remove_part(ResourceKind::internet_gateway, gateway.internet_gateway_id, vpc_id);
    vpc.unit = vpc_id;
    remove(because(vpc, Reason::empty_vpc));
  }

  void plan_groups() {
    for (const auto& group : region_.security_groups) {
      if (!is_spawn_managed(group.tags))
        continue;
      CleanupAction action = about(ResourceKind::security_group, group.group_id, group.group_name);
      if (group.group_name == kDefaultGroupName) {
        keep(because(action, Reason::default_group));
        continue;
      }
      auto uses = [&](const aws::Instance& instance) {
        return std::any_of(
            instance.security_groups.begin(), instance.security_groups.end(),
            [&](const aws::GroupIdentifier& used) { return used.group_id == group.group_id; });
      };
      if (const aws::Instance* user = first_instance(region_.instances, uses)) {
        keep(because(action, Reason::in_use, user->instance_id));
        continue;
      }
      if (doomed_vpcs_.contains(group.vpc_id)) {
        action.parent = group.vpc_id;
        action.unit = group.vpc_id;
      }
      remove(because(action, Reason::unused));
    }
  }

  void plan_key_pairs() {
    for (const auto& key : region_.key_pairs) {
      if (!is_spawn_managed(key.tags))
        continue;
      CleanupAction action = about(ResourceKind::key_pair, key.key_name);
      if (aws::tag_value(key.tags, kKeepKey) == kTrue ||
          aws::tag_value(key.tags, kImportedKey) == kTrue) {
        keep(because(action, Reason::keep_tag));
        continue;
      }
      auto uses = [&](const aws::Instance& instance) { return instance.key_name == key.key_name; };
      if (const aws::Instance* user = first_instance(region_.instances, uses)) {
        keep(because(action, Reason::in_use, user->instance_id));
        continue;
      }
      remove(because(action, Reason::unused));
    }
  }

  void plan_bucket() {
    if (!region_.agent_bucket || options_.scope != CleanupScope::all)
      return;
    const AgentBucket& bucket = *region_.agent_bucket;
    CleanupAction action = about(ResourceKind::bucket, bucket.name);
    if (!is_spawn_managed(bucket.tags) || aws::tag_value(bucket.tags, kPurposeKey) != kAgentPurpose)
      return keep(because(action, Reason::not_tagged));
    // A spawn instance that is booting, or boots again, fetches the agent from the bucket.
    auto spawn_instance = [](const aws::Instance& instance) {
      return is_spawn_managed(instance.tags);
    };
    if (const aws::Instance* user = first_instance(region_.instances, spawn_instance))
      return keep(because(action, Reason::in_use, user->instance_id));
    remove(because(action, Reason::agent_bucket));
  }

  const RegionInventory& region_;
  const PlanOptions& options_;
  CleanupPlan& plan_;
  std::vector<CleanupAction> deletions_;
  std::set<std::string> doomed_vpcs_;
};

}  // namespace

std::string_view kind_name(ResourceKind kind) {
  static constexpr std::array<std::string_view, 9> kNames = {
      "security-group", "key-pair",         "subnet", "route-table", "internet-gateway", "vpc",
      "bucket",         "instance-profile", "role"};
  return kNames.at(static_cast<std::size_t>(kind));
}

std::string_view reason_name(Reason reason) {
  static constexpr std::array<std::string_view, 14> kNames = {
      "unused",        "part-of-vpc",      "empty-vpc",          "agent-bucket",
      "in-use",        "default-group",    "keep-tag",           "needs-all",
      "foreign-part",  "recently-created", "region-not-scanned", "foreign-profile",
      "profile-stays", "not-tagged"};
  return kNames.at(static_cast<std::size_t>(reason));
}

bool is_spawn_managed(const std::vector<aws::Tag>& tags) {
  return aws::tag_value(tags, kManagedKey) == kTrue;
}

CleanupPlan plan_cleanup(const Inventory& inventory, const PlanOptions& options) {
  CleanupPlan plan;
  for (const RegionInventory& region : inventory.regions)
    RegionPlanner(region, options, plan).run();
  cleanup_rules::plan_iam(inventory, options, plan);
  return plan;
}

}  // namespace spawn::ops
