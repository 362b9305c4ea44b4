#include "spawn/ops/instance_terminate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "spawn/ops/region_scan.hpp"

namespace spawn::ops {

namespace {

// Region → instance ids, regions in order of first appearance.
std::vector<std::pair<std::string, std::vector<std::string>>> ids_by_region(
    const std::vector<ManagedInstance>& instances) {
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const auto& instance : instances) {
    auto group = std::find_if(groups.begin(), groups.end(),
                              [&](const auto& entry) { return entry.first == instance.region; });
    if (group == groups.end())
      group = groups.insert(groups.end(), {instance.region, {}});
    group->second.push_back(instance.id());
  }
  return groups;
}

}  // namespace

Result<std::vector<RegionTermination>> terminate_managed(
    aws::Session& session, const std::vector<ManagedInstance>& instances) {
  for (const auto& instance : instances) {
    if (!instance.is_managed())
      return fail(
          ErrorKind::conflict,
          fmt::format("{} was not launched by spawn; nothing was terminated", instance.id()),
          "spawn only terminates the instances it launched.");
  }
  auto groups = ids_by_region(instances);
  return map_parallel(groups, kRegionConcurrency, [&](const auto& group) {
    aws::AwsClient client = session.client_for(group.first);
    return RegionTermination{
        group.first, aws::Ec2Client(client).terminate_instances({.instance_ids = group.second})};
  });
}

}  // namespace spawn::ops
