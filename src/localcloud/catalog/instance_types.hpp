// The instance types localcloud knows: the sizes users pick from the common
// general purpose, compute, memory and accelerated families, with the facts
// DescribeInstanceTypes reports and RunInstances checks (architecture,
// memory, hibernation support), and the us-east-1 on-demand Linux price that
// the spot price history is derived from.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace spawn::localcloud {

enum class Architecture { x86_64, arm64 };

// "x86_64" or "arm64", as EC2 spells them.
std::string_view architecture_name(Architecture architecture);

// GPUs or AWS Neuron devices of an instance type; count 0 when it has none.
struct AcceleratorSpec {
  int count = 0;
  std::string_view manufacturer;  // "NVIDIA", "AWS"
  std::string_view name;          // "A10G", "Inferentia2"
  int memory_mib = 0;             // per device
};

struct InstanceTypeSpec {
  std::string_view name;  // "m7i.large"
  int vcpus = 0;
  std::int64_t memory_mib = 0;
  Architecture architecture = Architecture::x86_64;
  int threads_per_core = 2;
  AcceleratorSpec gpu;
  AcceleratorSpec neuron;
  bool bare_metal = false;
  bool burstable = false;
  // AWS's rules: the M, C, R and T families of Nitro generations, under 150 GiB of
  // memory, not bare metal, not accelerated.
  bool hibernation_supported = false;
  double on_demand_usd_per_hour = 0;  // us-east-1, Linux (kOnDemandPriceDate)
};

// When the on-demand prices were read from AWS's price list.
inline constexpr std::string_view kOnDemandPriceDate = "2024-12-01";

// Every known type, ordered by name.
std::span<const InstanceTypeSpec> instance_types();
// The type called `name` ("t3.micro"), or nullptr.
const InstanceTypeSpec* find_instance_type(std::string_view name);

}  // namespace spawn::localcloud
