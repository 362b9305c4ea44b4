// Finding the instances spawn launched: every instance command starts here.
// `list_managed` asks each region (in parallel, region_scan) for instances tagged
// spawn:managed=true in the wanted states, filtered server-side, every page. A
// region that fails is reported beside the others' instances, never hidden.
// `resolve_instance` turns what the user typed into one instance (spec §5): an
// instance id matches exactly, in any state and even unmanaged, so that the error
// can say *why* spawn will not touch it; a name matches the Name tag of managed
// instances case-insensitively, and two matches are a conflict, not a guess.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/session.hpp"
#include "spawn/ops/managed_instance.hpp"
#include "spawn/ops/region_scan.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// The states `spawn list` shows unless told otherwise: everything but terminated.
std::vector<std::string> default_listed_states();

// Where to look.
struct ListScope {
  std::vector<std::string> regions{};  // empty: every enabled region (enabled_regions)
  std::vector<std::string> states = default_listed_states();
  RegionCache cache{};  // where enabled_regions keeps the region list
};

struct InstanceScan {
  std::vector<ManagedInstance> instances;                     // newest launch first
  std::vector<std::pair<std::string, Error>> failed_regions;  // region, why
  std::size_t regions_asked = 0;

  // Whether no region answered (and there was at least one to ask).
  bool every_region_failed() const {
    return regions_asked > 0 && failed_regions.size() == regions_asked;
  }
};

// The regions `scope` names, or the enabled ones.
Result<std::vector<std::string>> regions_in(aws::Session& session, const ListScope& scope);

// Every instance matching `filters` in each of `regions` (managed or not), newest first.
InstanceScan describe_in_regions(aws::Session& session, const std::vector<std::string>& regions,
                                 const std::vector<aws::Filter>& filters);

// Managed instances in `scope`. Fails only when the region list cannot be had; a region
// that fails is in failed_regions, and the caller decides what every_region_failed() means.
Result<InstanceScan> list_managed(aws::Session& session, const ListScope& scope);

// Called once for each region that could not be asked while resolving, so the caller can
// warn in its own words; the lookup goes on with the other regions.
using RegionFailure = std::function<void(const std::string& region, const Error& error)>;

// The one managed instance `id_or_name` names. Errors: ErrorKind::not_found (no such id, or
// no managed instance of that name), ErrorKind::conflict (the id is not spawn's or is in a
// state outside scope.states; or several instances share the name — the message lists
// them). When every region failed, the first region's error.
Result<ManagedInstance> resolve_instance(aws::Session& session, std::string_view id_or_name,
                                         const ListScope& scope,
                                         const RegionFailure& on_region_failure);

// Which job array: by `spawn:job-array-id` or by `spawn:job-array-name` (one of them set).
struct JobArraySelector {
  std::string id;
  std::string name;
};

// The managed members of a job array in `scope`, ordered by index. ErrorKind::not_found
// when there are none.
Result<std::vector<ManagedInstance>> find_job_array(aws::Session& session,
                                                    const JobArraySelector& selector,
                                                    const ListScope& scope,
                                                    const RegionFailure& on_region_failure);

}  // namespace spawn::ops
