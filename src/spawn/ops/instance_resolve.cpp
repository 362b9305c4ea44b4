// resolve_instance and find_job_array (instance_query.hpp). An id is looked up
// without the spawn:managed filter on purpose: "not found" for an instance the
// user can see in the console would be a lie; "not spawn's" tells them why.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <system_error>

#include "spawn/ops/instance_query.hpp"
#include "util/strings.hpp"

namespace spawn::ops {

namespace {

constexpr std::string_view kInstanceIdPrefix = "i-";

bool in_states(const ManagedInstance& instance, const std::vector<std::string>& states) {
  return states.empty() ||
         std::find(states.begin(), states.end(), instance.state()) != states.end();
}

// "i-0abc (t3.micro in us-east-1, running)"
std::string summary_line(const ManagedInstance& instance) {
  return fmt::format("{} ({} in {}, {})", instance.id(), instance.instance.instance_type,
                     instance.region, instance.state());
}

// The scan's instances, the region failures reported; the first error when none answered.
Result<std::vector<ManagedInstance>> answered(InstanceScan scan,
                                              const RegionFailure& on_region_failure) {
  for (const auto& [region, error] : scan.failed_regions)
    on_region_failure(region, error);
  if (scan.every_region_failed())
    return std::unexpected(scan.failed_regions.front().second);
  return std::move(scan.instances);
}

// The hint for "not found": the regions that could not be asked may hold it.
std::string unasked_regions_hint(const std::vector<std::string>& failed) {
  if (failed.empty())
    return "`spawn list` shows the instances spawn manages; pass --region to look in one "
           "region only.";
  return fmt::format("It may be in a region that could not be asked ({}); try again later.",
                     join(failed, ", "));
}

Result<InstanceScan> scan_for_id(aws::Session& session, std::string_view id,
                                 const ListScope& scope) {
  auto regions = regions_in(session, scope);
  if (!regions)
    return std::unexpected(regions.error());
  return describe_in_regions(session, *regions, {{"instance-id", {std::string(id)}}});
}

std::vector<std::string> failed_names(const InstanceScan& scan) {
  std::vector<std::string> names;
  names.reserve(scan.failed_regions.size());
  for (const auto& failure : scan.failed_regions)
    names.push_back(failure.first);
  return names;
}

Result<ManagedInstance> resolve_by_id(aws::Session& session, std::string_view id,
                                      const ListScope& scope, const RegionFailure& on_failure) {
  auto scan = scan_for_id(session, id, scope);
  if (!scan)
    return std::unexpected(scan.error());
  auto unasked = failed_names(*scan);
  auto found = answered(std::move(*scan), on_failure);
  if (!found)
    return std::unexpected(found.error());
  if (found->empty())
    return fail(ErrorKind::not_found, fmt::format("there is no instance {}", id),
                unasked_regions_hint(unasked));
  ManagedInstance& instance = found->front();
  if (!instance.is_managed()) {
    return fail(ErrorKind::conflict,
                fmt::format("{} was not launched by spawn (it has no spawn:managed=true tag)", id),
                "spawn only manages the instances it launched; use the AWS console or the aws "
                "CLI for this one.");
  }
  if (!in_states(instance, scope.states)) {
    return fail(ErrorKind::conflict, fmt::format("{} is {}", id, instance.state()),
                "`spawn list` shows the instances that are still there.");
  }
  return std::move(instance);
}

Error several_named(std::string_view name, const std::vector<ManagedInstance>& matches) {
  std::string listed;
  for (const auto& match : matches)
    listed += "\n      " + summary_line(match);
  return Error{ErrorKind::conflict,
               fmt::format("{} instances are named '{}':{}", matches.size(), name, listed),
               std::nullopt, "Use the instance ID instead of the name."};
}

Result<ManagedInstance> resolve_by_name(aws::Session& session, std::string_view name,
                                        const ListScope& scope, const RegionFailure& on_failure) {
  auto scan = list_managed(session, scope);
  if (!scan)
    return std::unexpected(scan.error());
  auto unasked = failed_names(*scan);
  auto instances = answered(std::move(*scan), on_failure);
  if (!instances)
    return std::unexpected(instances.error());
  std::vector<ManagedInstance> matches;
  for (auto& instance : *instances) {
    if (iequals(instance.name(), name))
      matches.push_back(std::move(instance));
  }
  if (matches.empty())
    return fail(ErrorKind::not_found, fmt::format("no spawn instance is named '{}'", name),
                unasked_regions_hint(unasked));
  if (matches.size() > 1)
    return std::unexpected(several_named(name, matches));
  return std::move(matches.front());
}

int array_index(const ManagedInstance& instance) {
  auto text = instance.tag("spawn:job-array-index").value_or("");
  int index = -1;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), index);
  return error == std::errc() && end == text.data() + text.size() ? index : -1;
}

bool in_array(const ManagedInstance& instance, const JobArraySelector& selector) {
  if (!selector.id.empty())
    return instance.tag(instance_tag::job_array_id) == selector.id;
  return instance.tag(instance_tag::job_array_name) == selector.name;
}

}  // namespace

Result<ManagedInstance> resolve_instance(aws::Session& session, std::string_view id_or_name,
                                         const ListScope& scope,
                                         const RegionFailure& on_region_failure) {
  if (id_or_name.starts_with(kInstanceIdPrefix))
    return resolve_by_id(session, id_or_name, scope, on_region_failure);
  return resolve_by_name(session, id_or_name, scope, on_region_failure);
}

Result<std::vector<ManagedInstance>> find_job_array(aws::Session& session,
                                                    const JobArraySelector& selector,
                                                    const ListScope& scope,
                                                    const RegionFailure& on_region_failure) {
  auto scan = list_managed(session, scope);
  if (!scan)
    return std::unexpected(scan.error());
  auto instances = answered(std::move(*scan), on_region_failure);
  if (!instances)
    return std::unexpected(instances.error());
  std::vector<ManagedInstance> members;
  for (auto& instance : *instances) {
    if (in_array(instance, selector))
      members.push_back(std::move(instance));
  }
  if (members.empty()) {
    bool by_id = !selector.id.empty();
    return fail(
        ErrorKind::not_found,
        fmt::format("no instances found with {} {}", by_id ? "job-array-id" : "job-array-name",
                    by_id ? selector.id : selector.name),
        "`spawn list` shows job arrays with their ids and names.");
  }
  std::stable_sort(members.begin(), members.end(),
                   [](const auto& a, const auto& b) { return array_index(a) < array_index(b); });
  return members;
}

}  // namespace spawn::ops
