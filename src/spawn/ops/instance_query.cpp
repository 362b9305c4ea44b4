#include "spawn/ops/instance_query.hpp"

#include <algorithm>

namespace spawn::ops {

namespace {

constexpr std::string_view kManagedValue = "true";

std::vector<aws::Filter> managed_filters(const std::vector<std::string>& states) {
  std::vector<aws::Filter> filters{
      {"tag:" + std::string(instance_tag::managed), {std::string(kManagedValue)}}};
  if (!states.empty())
    filters.push_back({"instance-state-name", states});
  return filters;
}

bool launched_later(const ManagedInstance& a, const ManagedInstance& b) {
  auto a_time = a.instance.launch_time.value_or(SystemTime{});
  auto b_time = b.instance.launch_time.value_or(SystemTime{});
  if (a_time != b_time)
    return a_time > b_time;
  return a.id() < b.id();
}

}  // namespace

std::vector<std::string> default_listed_states() {
  return {std::string(instance_state::pending), std::string(instance_state::running),
          std::string(instance_state::stopping), std::string(instance_state::stopped)};
}

Result<std::vector<std::string>> regions_in(aws::Session& session, const ListScope& scope) {
  if (!scope.regions.empty())
    return scope.regions;
  return enabled_regions(session, scope.cache);
}

InstanceScan describe_in_regions(aws::Session& session, const std::vector<std::string>& regions,
                                 const std::vector<aws::Filter>& filters) {
  auto outcomes =
      scan_regions<std::vector<aws::Instance>>(session, regions, [&](aws::AwsClient& client) {
        return aws::Ec2Client(client).describe_instances_all({.filters = filters});
      });
  InstanceScan scan;
  scan.regions_asked = regions.size();
  for (auto& outcome : outcomes) {
    if (!outcome.result) {
      scan.failed_regions.emplace_back(outcome.region, std::move(outcome.result.error()));
      continue;
    }
    for (auto& instance : *outcome.result)
      scan.instances.push_back(make_managed_instance(std::move(instance), outcome.region));
  }
  std::sort(scan.instances.begin(), scan.instances.end(), launched_later);
  return scan;
}

Result<InstanceScan> list_managed(aws::Session& session, const ListScope& scope) {
  auto regions = regions_in(session, scope);
  if (!regions)
    return std::unexpected(regions.error());
  return describe_in_regions(session, *regions, managed_filters(scope.states));
}

}  // namespace spawn::ops
