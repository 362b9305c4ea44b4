// The regions localcloud answers for (the commercial AWS regions), each with its
// availability zones. Every region keeps its own resources.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace spawn::localcloud {

struct RegionInfo {
  std::string_view name;           // "us-east-1"
  std::string_view zone_ids;       // zone letters, "abcdef" → us-east-1a ... us-east-1f
  std::string_view opt_in_status;  // "opt-in-not-required" or "opted-in"
};

std::span<const RegionInfo> regions();
const RegionInfo* find_region(std::string_view name);
// "us-east-1a", "us-east-1b", ... for `region`.
std::vector<std::string> availability_zones(const RegionInfo& region);

}  // namespace spawn::localcloud
