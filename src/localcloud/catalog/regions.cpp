#include "localcloud/catalog/regions.hpp"

#include <array>
#include <string>

namespace spawn::localcloud {
namespace {

constexpr std::string_view kDefault = "opt-in-not-required";
constexpr std::string_view kOptedIn = "opted-in";

constexpr std::array<RegionInfo, 28> kRegions{{
    {"us-east-1", "abcdef", kDefault},    {"us-east-2", "abc", kDefault},
    {"us-west-1", "ac", kDefault},        {"us-west-2", "abcd", kDefault},
    {"ca-central-1", "abd", kDefault},    {"ca-west-1", "abc", kOptedIn},
    {"sa-east-1", "abc", kDefault},       {"eu-west-1", "abc", kDefault},
    {"eu-west-2", "abc", kDefault},       {"eu-west-3", "abc", kDefault},
    {"eu-central-1", "abc", kDefault},    {"eu-central-2", "abc", kOptedIn},
    {"eu-north-1", "abc", kDefault},      {"eu-south-1", "abc", kOptedIn},
    {"eu-south-2", "abc", kOptedIn},      {"ap-northeast-1", "acd", kDefault},
    {"ap-northeast-2", "abcd", kDefault}, {"ap-northeast-3", "abc", kDefault},
    {"ap-southeast-1", "abc", kDefault},  {"ap-southeast-2", "abc", kDefault},
    {"ap-southeast-3", "abc", kOptedIn},  {"ap-southeast-4", "abc", kOptedIn},
    {"ap-south-1", "abc", kDefault},      {"ap-south-2", "abc", kOptedIn},
    {"ap-east-1", "abc", kOptedIn},       {"me-south-1", "abc", kOptedIn},
    {"me-central-1", "abc", kOptedIn},    {"af-south-1", "abc", kOptedIn},
}};

}  // namespace

std::span<const RegionInfo> regions() {
  return kRegions;
}

const RegionInfo* find_region(std::string_view name) {
  for (const RegionInfo& region : kRegions) {
    if (region.name == name)
      return &region;
  }
  return nullptr;
}

std::vector<std::string> availability_zones(const RegionInfo& region) {
  std::vector<std::string> zones;
  for (char letter : region.zone_ids)
    zones.push_back(std::string(region.name) + letter);
  return zones;
}

}  // namespace spawn::localcloud
