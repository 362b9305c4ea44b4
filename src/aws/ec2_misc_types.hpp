// Requests and answers of the EC2 look-ups that are not about one resource
// kind: tags across resources, regions, zones, instance type facts, spot prices.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "aws/ec2_types.hpp"
#include "util/clock.hpp"

namespace spawn::aws {

// A tag as DescribeTags lists it: which resource carries it.
struct TagDescription {
  std::string resource_id{};
  std::string resource_type{};  // "instance", "vpc", ...
  std::string key{};
  std::string value{};
};

// Which regions DescribeRegions lists: the enabled ones, or all including opted-out.
enum class RegionScope { enabled, all };

struct Region {
  std::string region_name{};
  std::string endpoint{};       // "ec2.eu-west-1.amazonaws.com"
  std::string opt_in_status{};  // "opt-in-not-required", "opted-in", "not-opted-in"
};

struct AvailabilityZone {
  std::string zone_name{};  // "eu-west-1a"
  std::string zone_id{};    // "euw1-az3"
  std::string state{};      // "available"
  std::string region_name{};
  std::string zone_type{};  // "availability-zone", "local-zone", "wavelength-zone"
};

struct GpuDevice {
  int count = 0;
  std::string manufacturer{};  // "NVIDIA"
  std::string name{};          // "A10G"
  int memory_mib = 0;          // per GPU
};

struct InstanceTypeInfo {
  std::string instance_type{};
  bool current_generation = false;
  int vcpus = 0;
  std::int64_t memory_mib = 0;
  std::vector<std::string> architectures{};  // "x86_64", "arm64", "i386"
  std::vector<GpuDevice> gpus{};
  bool hibernation_supported = false;
  std::vector<std::string> usage_classes{};  // "on-demand", "spot"
};

struct DescribeSpotPriceHistoryRequest {
  std::vector<std::string> instance_types{};
  std::vector<std::string> product_descriptions{};  // "Linux/UNIX"
  std::string availability_zone{};                  // empty: every zone
  std::optional<SystemTime> start_time{};           // unset: now only (the latest price)
  std::vector<Filter> filters{};
  PageRequest page{};
};

struct SpotPrice {
  std::string instance_type{};
  std::string product_description{};
  std::string availability_zone{};
  double price_per_hour = 0;  // USD
  std::optional<SystemTime> timestamp{};
};

}  // namespace spawn::aws
