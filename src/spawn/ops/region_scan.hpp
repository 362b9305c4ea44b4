// The same read-only work in many regions at once: `spawn list`, instance look-up
// by name, and `spawn cleanup` all ask every enabled region. Regions run in
// parallel (bounded), and a region that fails is reported beside the others'
// results, never hidden. The list of enabled regions changes rarely and costs a
// sequential round trip, so it is kept in a small cache with a day's expiry.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "aws/session.hpp"
#include "spawn/ops/parallel.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// Every region at once: AWS has fewer than this many, and a scan of all regions should
// cost the user one round trip, as a scan of one does.
inline constexpr std::size_t kRegionConcurrency = 40;
inline constexpr std::string_view kRegionListRegion = "us-east-1";

// Where the region list is cached (ops/session_cache.hpp); nullopt keeps no cache.
struct RegionCache {
  std::optional<std::filesystem::path> file;
};

// The regions the account has enabled: from the cache when fresh, else one DescribeRegions
// in kRegionListRegion (then cached).
Result<std::vector<std::string>> enabled_regions(aws::Session& session, const RegionCache& cache);

// The region cache of this session's endpoint and credentials under spawn's data folder.
RegionCache region_cache_for(aws::Session& session, const std::filesystem::path& data_dir);

template <typename T>
struct RegionOutcome {
  std::string region;
  Result<T> result;
};

// Runs `work` with a client for each region, at most kRegionConcurrency at once; the outcomes
// in the order of `regions`.
template <typename T>
std::vector<RegionOutcome<T>> scan_regions(aws::Session& session,
                                           const std::vector<std::string>& regions,
                                           const std::function<Result<T>(aws::AwsClient&)>& work) {
  return map_parallel(regions, kRegionConcurrency, [&](const std::string& region) {
    aws::AwsClient client = session.client_for(region);
    return RegionOutcome<T>{region, work(client)};
  });
}

}  // namespace spawn::ops
