#include "spawn/ops/region_scan.hpp"

#include "aws/ec2.hpp"
#include "spawn/ops/session_cache.hpp"

namespace spawn::ops {

namespace {

std::optional<std::vector<std::string>> cached_regions(const RegionCache& cache) {
  auto document = read_session_cache(cache.file);
  if (!document || !document->is_array() || document->empty())
    return std::nullopt;
  std::vector<std::string> regions;
  for (const auto& region : *document) {
    if (!region.is_string())
      return std::nullopt;
    regions.push_back(region.get<std::string>());
  }
  return regions;
}

}  // namespace

RegionCache region_cache_for(aws::Session& session, const std::filesystem::path& data_dir) {
  return {session_cache_file(session, data_dir, "regions")};
}

Result<std::vector<std::string>> enabled_regions(aws::Session& session, const RegionCache& cache) {
  if (auto cached = cached_regions(cache))
    return *cached;
  // Asked of us-east-1 (spec §4): a region the user typed wrongly cannot answer it.
  aws::AwsClient home = session.client_for(kRegionListRegion);
  auto regions = aws::Ec2Client(home).describe_regions();
  if (!regions)
    return std::unexpected(regions.error());
  std::vector<std::string> names;
  for (const auto& region : *regions)
    names.push_back(region.region_name);
  if (!names.empty())
    write_session_cache(cache.file, nlohmann::json(names));
  return names;
}

}  // namespace spawn::ops
