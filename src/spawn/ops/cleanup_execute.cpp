// Running a cleanup plan. Each region's deletions run in the plan's order on one
// thread (a VPC's parts must go before the VPC); regions run at once; IAM runs after
// every region, as a role may only go once no region's instance holds its profile.
// Something gone already counts as deleted (a concurrent cleanup, a user in the
// console). Once an action of a unit does not succeed, the rest of that unit is
// skipped: half a VPC (no gateway, say) would only break the next launch that finds it.
#include <algorithm>
#include <set>

#include "aws/ec2.hpp"
#include "aws/s3.hpp"
#include "spawn/ops/cleanup.hpp"
#include "spawn/ops/cleanup_iam.hpp"
#include "spawn/ops/parallel.hpp"
#include "spawn/ops/region_scan.hpp"

namespace spawn::ops {

namespace {

bool has_code(const Error& error, std::string_view code) {
  return error.aws && error.aws->code == code;
}

Result<void> delete_gateway(aws::Ec2Client& ec2, const CleanupAction& action) {
  auto detached = ec2.detach_internet_gateway(action.id, action.parent);
  if (!detached && !has_code(detached.error(), "Gateway.NotAttached"))
    return detached;
  return ec2.delete_internet_gateway(action.id);
}

// Empties the bucket (the agent store holds a few objects), then deletes it.
Result<void> delete_agent_bucket(aws::AwsClient& client, const std::string& bucket) {
  aws::S3Client s3(client);
  auto objects = s3.list_objects_all(bucket, "");
  if (!objects)
    return std::unexpected(std::move(objects.error()));
  for (const auto& object : *objects) {
    if (auto deleted = s3.delete_object(bucket, object.key); !deleted)
      return deleted;
  }
  return s3.delete_bucket(bucket);
}

Result<void> delete_resource(aws::AwsClient& client, const CleanupAction& action) {
  aws::Ec2Client ec2(client);
  switch (action.kind) {
    case ResourceKind::security_group: return ec2.delete_security_group(action.id);
    case ResourceKind::key_pair: return ec2.delete_key_pair(action.id);
    case ResourceKind::subnet: return ec2.delete_subnet(action.id);
    case ResourceKind::route_table: return ec2.delete_route_table(action.id);
    case ResourceKind::internet_gateway: return delete_gateway(ec2, action);
    case ResourceKind::vpc: return ec2.delete_vpc(action.id);
    case ResourceKind::bucket: return delete_agent_bucket(client, action.id);
    case ResourceKind::instance_profile:
      return delete_instance_profile(client, action.id, action.parent);
    case ResourceKind::role: return delete_role(client, action.id);
  }
  return fail(ErrorKind::usage, "unknown kind of resource to delete");
}

ActionOutcome outcome_of(const CleanupAction& action, Result<void> done) {
  if (done || done.error().kind == ErrorKind::not_found)
    return {action, Outcome::deleted, std::nullopt};
  const Error& error = done.error();
  bool in_use = has_code(error, "DependencyViolation") || has_code(error, "DeleteConflict");
  return {action, in_use ? Outcome::in_use : Outcome::failed, std::move(done.error())};
}

std::vector<ActionOutcome> run_in_order(aws::AwsClient& client,
                                        const std::vector<CleanupAction>& actions) {
  std::vector<ActionOutcome> outcomes;
  std::set<std::string> broken_units;
  for (const CleanupAction& action : actions) {
    if (!action.unit.empty() && broken_units.contains(action.unit)) {
      outcomes.push_back({action, Outcome::skipped, std::nullopt});
      continue;
    }
    outcomes.push_back(outcome_of(action, delete_resource(client, action)));
    if (outcomes.back().outcome != Outcome::deleted && !action.unit.empty())
      broken_units.insert(action.unit);
  }
  return outcomes;
}

// The plan's deletions of `region`, in order.
std::vector<CleanupAction> deletions_in(const CleanupPlan& plan, const std::string& region) {
  std::vector<CleanupAction> found;
  std::copy_if(plan.deletions.begin(), plan.deletions.end(), std::back_inserter(found),
               [&](const CleanupAction& action) { return action.region == region; });
  return found;
}

// The regions of the plan's deletions in their order of appearance, IAM left out.
std::vector<std::string> regions_of(const CleanupPlan& plan) {
  std::vector<std::string> regions;
  for (const auto& action : plan.deletions) {
    if (action.region != kGlobalRegion &&
        std::find(regions.begin(), regions.end(), action.region) == regions.end())
      regions.push_back(action.region);
  }
  return regions;
}

}  // namespace

CleanupReport execute_cleanup(aws::Session& session, const CleanupPlan& plan) {
  CleanupReport report;
  auto regional =
      map_parallel(regions_of(plan), kRegionConcurrency, [&](const std::string& region) {
        aws::AwsClient client = session.client_for(region);
        return run_in_order(client, deletions_in(plan, region));
      });
  for (auto& outcomes : regional)
    std::move(outcomes.begin(), outcomes.end(), std::back_inserter(report.outcomes));
  aws::AwsClient global(session.client());
  auto iam = run_in_order(global, deletions_in(plan, std::string(kGlobalRegion)));
  std::move(iam.begin(), iam.end(), std::back_inserter(report.outcomes));
  return report;
}

std::map<ResourceKind, int> deleted_counts(const CleanupReport& report) {
  std::map<ResourceKind, int> counts;
  for (const auto& outcome : report.outcomes) {
    if (outcome.outcome == Outcome::deleted)
      ++counts[outcome.action.kind];
  }
  return counts;
}

int regions_with_deletions(const CleanupReport& report) {
  std::set<std::string> regions;
  for (const auto& outcome : report.outcomes) {
    if (outcome.outcome == Outcome::deleted && outcome.action.region != kGlobalRegion)
      regions.insert(outcome.action.region);
  }
  return static_cast<int>(regions.size());
}

}  // namespace spawn::ops
