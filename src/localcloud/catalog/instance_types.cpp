// One table of instance types. Rows give what AWS publishes per size (vCPUs,
// memory in GiB, accelerators, the us-east-1 on-demand Linux price as of
// kOnDemandPriceDate); the row builders derive the rest from AWS's rules, so
// that hibernation support, bare metal and threads per core are decided in one
// place rather than typed per row:
//   - hibernation: CPU families of Nitro generations (all families below that
//     carry no accelerator), memory under 150 GiB, not bare metal;
//   - Graviton and the 7th-generation AMD families run one thread per core;
//   - GPU and Neuron types never hibernate.
#include "localcloud/catalog/instance_types.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace spawn::localcloud {
namespace {

constexpr double kMiBPerGiB = 1024;
constexpr std::int64_t kHibernationMemoryLimitMiB = std::int64_t{150} * 1024;

// One accelerator model; rows say how many an instance carries.
struct Device {
  std::string_view manufacturer;
  std::string_view name;
  int memory_mib;
};

constexpr Device kT4{"NVIDIA", "T4", 16384};
constexpr Device kT4g{"NVIDIA", "T4g", 16384};
constexpr Device kA10G{"NVIDIA", "A10G", 24576};
constexpr Device kL4{"NVIDIA", "L4", 22888};
constexpr Device kL40S{"NVIDIA", "L40S", 45776};
constexpr Device kA100{"NVIDIA", "A100", 40960};
constexpr Device kH100{"NVIDIA", "H100", 81920};
constexpr Device kInferentia2{"AWS", "Inferentia2", 32768};
constexpr Device kTrainium{"AWS", "Trainium", 32768};

enum class Cpu { smt, one_thread_per_core, graviton };

constexpr InstanceTypeSpec cpu_type(std::string_view name, int vcpus, double memory_gib,
                                    double price, Cpu cpu = Cpu::smt) {
  InstanceTypeSpec spec;
  spec.name = name;
  spec.vcpus = vcpus;
  spec.memory_mib = static_cast<std::int64_t>(memory_gib * kMiBPerGiB);
  spec.architecture = cpu == Cpu::graviton ? Architecture::arm64 : Architecture::x86_64;
  spec.threads_per_core = (cpu == Cpu::smt && vcpus > 1) ? 2 : 1;
  spec.bare_metal = name.ends_with(".metal");
  spec.burstable = name.size() > 1 && name[0] == 't' && name[1] >= '0' && name[1] <= '9';
  spec.hibernation_supported = !spec.bare_metal && spec.memory_mib < kHibernationMemoryLimitMiB;
  spec.on_demand_usd_per_hour = price;
  return spec;
}

constexpr InstanceTypeSpec graviton(std::string_view name, int vcpus, double memory_gib,
                                    double price) {
  return cpu_type(name, vcpus, memory_gib, price, Cpu::graviton);
}

constexpr InstanceTypeSpec amd_v7(std::string_view name, int vcpus, double memory_gib,
                                  double price) {
  return cpu_type(name, vcpus, memory_gib, price, Cpu::one_thread_per_core);
}

constexpr InstanceTypeSpec gpu_type(std::string_view name, int vcpus, double memory_gib,
                                    Device device, int count, double price, Cpu cpu = Cpu::smt) {
  InstanceTypeSpec spec = cpu_type(name, vcpus, memory_gib, price, cpu);
  spec.gpu = {count, device.manufacturer, device.name, device.memory_mib};
  spec.hibernation_supported = false;
  return spec;
}

constexpr InstanceTypeSpec neuron_type(std::string_view name, int vcpus, double memory_gib,
                                       Device device, int count, double price) {
  InstanceTypeSpec spec = cpu_type(name, vcpus, memory_gib, price);
  spec.neuron = {count, device.manufacturer, device.name, device.memory_mib};
  spec.hibernation_supported = false;
  return spec;
}

constexpr auto kInstanceTypes = std::to_array<InstanceTypeSpec>({
    // Burstable general purpose.
    cpu_type("t3.nano", 2, 0.5, 0.0052),
    cpu_type("t3.micro", 2, 1, 0.0104),
    cpu_type("t3.small", 2, 2, 0.0208),
    cpu_type("t3.medium", 2, 4, 0.0416),
    cpu_type("t3.large", 2, 8, 0.0832),
    cpu_type("t3.xlarge", 4, 16, 0.1664),
    cpu_type("t3.2xlarge", 8, 32, 0.3328),
    cpu_type("t3a.nano", 2, 0.5, 0.0047),
    cpu_type("t3a.micro", 2, 1, 0.0094),
    cpu_type("t3a.small", 2, 2, 0.0188),
    cpu_type("t3a.medium", 2, 4, 0.0376),
    cpu_type("t3a.large", 2, 8, 0.0752),
    cpu_type("t3a.xlarge", 4, 16, 0.1504),
    cpu_type("t3a.2xlarge", 8, 32, 0.3008),
    graviton("t4g.nano", 2, 0.5, 0.0042),
    graviton("t4g.micro", 2, 1, 0.0084),
    graviton("t4g.small", 2, 2, 0.0168),
    graviton("t4g.medium", 2, 4, 0.0336),
    graviton("t4g.large", 2, 8, 0.0672),
    graviton("t4g.xlarge", 4, 16, 0.1344),
    graviton("t4g.2xlarge", 8, 32, 0.2688),
    // General purpose.
    cpu_type("m5.large", 2, 8, 0.096),
    cpu_type("m5.xlarge", 4, 16, 0.192),
    cpu_type("m5.2xlarge", 8, 32, 0.384),
    cpu_type("m5.4xlarge", 16, 64, 0.768),
    cpu_type("m5.8xlarge", 32, 128, 1.536),
    cpu_type("m5.12xlarge", 48, 192, 2.304),
    cpu_type("m5.16xlarge", 64, 256, 3.072),
    cpu_type("m5.24xlarge", 96, 384, 4.608),
    cpu_type("m5.metal", 96, 384, 4.608),
    cpu_type("m6i.large", 2, 8, 0.096),
    cpu_type("m6i.xlarge", 4, 16, 0.192),
    cpu_type("m6i.2xlarge", 8, 32, 0.384),
    cpu_type("m6i.4xlarge", 16, 64, 0.768),
    cpu_type("m6i.8xlarge", 32, 128, 1.536),
    cpu_type("m6i.12xlarge", 48, 192, 2.304),
    cpu_type("m6i.16xlarge", 64, 256, 3.072),
    cpu_type("m6i.24xlarge", 96, 384, 4.608),
    cpu_type("m6i.32xlarge", 128, 512, 6.144),
    cpu_type("m6a.large", 2, 8, 0.0864),
    cpu_type("m6a.xlarge", 4, 16, 0.1728),
    cpu_type("m6a.2xlarge", 8, 32, 0.3456),
    cpu_type("m6a.4xlarge", 16, 64, 0.6912),
    cpu_type("m6a.8xlarge", 32, 128, 1.3824),
    cpu_type("m6a.12xlarge", 48, 192, 2.0736),
    cpu_type("m6a.16xlarge", 64, 256, 2.7648),
    cpu_type("m6a.24xlarge", 96, 384, 4.1472),
    cpu_type("m6a.48xlarge", 192, 768, 8.2944),
    graviton("m6g.medium", 1, 4, 0.0385),
    graviton("m6g.large", 2, 8, 0.077),
    graviton("m6g.xlarge", 4, 16, 0.154),
    graviton("m6g.2xlarge", 8, 32, 0.308),
    graviton("m6g.4xlarge", 16, 64, 0.616),
    graviton("m6g.8xlarge", 32, 128, 1.232),
    graviton("m6g.12xlarge", 48, 192, 1.848),
    graviton("m6g.16xlarge", 64, 256, 2.464),
    cpu_type("m7i.large", 2, 8, 0.1008),
    cpu_type("m7i.xlarge", 4, 16, 0.2016),
    cpu_type("m7i.2xlarge", 8, 32, 0.4032),
    cpu_type("m7i.4xlarge", 16, 64, 0.8064),
    cpu_type("m7i.8xlarge", 32, 128, 1.6128),
    cpu_type("m7i.12xlarge", 48, 192, 2.4192),
    cpu_type("m7i.16xlarge", 64, 256, 3.2256),
    cpu_type("m7i.24xlarge", 96, 384, 4.8384),
    cpu_type("m7i.48xlarge", 192, 768, 9.6768),
    amd_v7("m7a.medium", 1, 4, 0.05796),
    amd_v7("m7a.large", 2, 8, 0.11592),
    amd_v7("m7a.xlarge", 4, 16, 0.23184),
    amd_v7("m7a.2xlarge", 8, 32, 0.46368),
    amd_v7("m7a.4xlarge", 16, 64, 0.92736),
    amd_v7("m7a.8xlarge", 32, 128, 1.85472),
    amd_v7("m7a.12xlarge", 48, 192, 2.78208),
    amd_v7("m7a.16xlarge", 64, 256, 3.70944),
    amd_v7("m7a.24xlarge", 96, 384, 5.56416),
    amd_v7("m7a.48xlarge", 192, 768, 11.12832),
    graviton("m7g.medium", 1, 4, 0.0408),
    graviton("m7g.large", 2, 8, 0.0816),
    graviton("m7g.xlarge", 4, 16, 0.1632),
    graviton("m7g.2xlarge", 8, 32, 0.3264),
    graviton("m7g.4xlarge", 16, 64, 0.6528),
    graviton("m7g.8xlarge", 32, 128, 1.3056),
    graviton("m7g.12xlarge", 48, 192, 1.9584),
    graviton("m7g.16xlarge", 64, 256, 2.6112),
    graviton("m7g.metal", 64, 256, 2.6112),
    graviton("m8g.medium", 1, 4, 0.04488),
    graviton("m8g.large", 2, 8, 0.08976),
    graviton("m8g.xlarge", 4, 16, 0.17952),
    graviton("m8g.2xlarge", 8, 32, 0.35904),
    graviton("m8g.4xlarge", 16, 64, 0.71808),
    graviton("m8g.8xlarge", 32, 128, 1.43616),
    graviton("m8g.12xlarge", 48, 192, 2.15424),
    graviton("m8g.16xlarge", 64, 256, 2.87232),
    graviton("m8g.24xlarge", 96, 384, 4.30848),
    graviton("m8g.48xlarge", 192, 768, 8.61696),
    // Compute optimized.
    cpu_type("c5.large", 2, 4, 0.085),
    cpu_type("c5.xlarge", 4, 8, 0.17),
    cpu_type("c5.2xlarge", 8, 16, 0.34),
    cpu_type("c5.4xlarge", 16, 32, 0.68),
    cpu_type("c5.9xlarge", 36, 72, 1.53),
    cpu_type("c5.12xlarge", 48, 96, 2.04),
    cpu_type("c5.18xlarge", 72, 144, 3.06),
    cpu_type("c5.24xlarge", 96, 192, 4.08),
    cpu_type("c5.metal", 96, 192, 4.08),
    cpu_type("c6i.large", 2, 4, 0.085),
    cpu_type("c6i.xlarge", 4, 8, 0.17),
    cpu_type("c6i.2xlarge", 8, 16, 0.34),
    cpu_type("c6i.4xlarge", 16, 32, 0.68),
    cpu_type("c6i.8xlarge", 32, 64, 1.36),
    cpu_type("c6i.12xlarge", 48, 96, 2.04),
    cpu_type("c6i.16xlarge", 64, 128, 2.72),
    cpu_type("c6i.24xlarge", 96, 192, 4.08),
    cpu_type("c6i.32xlarge", 128, 256, 5.44),
    graviton("c6g.medium", 1, 2, 0.034),
    graviton("c6g.large", 2, 4, 0.068),
    graviton("c6g.xlarge", 4, 8, 0.136),
    graviton("c6g.2xlarge", 8, 16, 0.272),
    graviton("c6g.4xlarge", 16, 32, 0.544),
    graviton("c6g.8xlarge", 32, 64, 1.088),
    graviton("c6g.12xlarge", 48, 96, 1.632),
    graviton("c6g.16xlarge", 64, 128, 2.176),
    cpu_type("c7i.large", 2, 4, 0.08925),
    cpu_type("c7i.xlarge", 4, 8, 0.1785),
    cpu_type("c7i.2xlarge", 8, 16, 0.357),
    cpu_type("c7i.4xlarge", 16, 32, 0.714),
    cpu_type("c7i.8xlarge", 32, 64, 1.428),
    cpu_type("c7i.12xlarge", 48, 96, 2.142),
    cpu_type("c7i.16xlarge", 64, 128, 2.856),
    cpu_type("c7i.24xlarge", 96, 192, 4.284),
    cpu_type("c7i.48xlarge", 192, 384, 8.568),
    graviton("c7g.medium", 1, 2, 0.0363),
    graviton("c7g.large", 2, 4, 0.0725),
    graviton("c7g.xlarge", 4, 8, 0.145),
    graviton("c7g.2xlarge", 8, 16, 0.29),
    graviton("c7g.4xlarge", 16, 32, 0.58),
    graviton("c7g.8xlarge", 32, 64, 1.16),
    graviton("c7g.12xlarge", 48, 96, 1.74),
    graviton("c7g.16xlarge", 64, 128, 2.32),
    // Memory optimized.
    cpu_type("r5.large", 2, 16, 0.126),
    cpu_type("r5.xlarge", 4, 32, 0.252),
    cpu_type("r5.2xlarge", 8, 64, 0.504),
    cpu_type("r5.4xlarge", 16, 128, 1.008),
    cpu_type("r5.8xlarge", 32, 256, 2.016),
    cpu_type("r5.12xlarge", 48, 384, 3.024),
    cpu_type("r5.16xlarge", 64, 512, 4.032),
    cpu_type("r5.24xlarge", 96, 768, 6.048),
    cpu_type("r6i.large", 2, 16, 0.126),
    cpu_type("r6i.xlarge", 4, 32, 0.252),
    cpu_type("r6i.2xlarge", 8, 64, 0.504),
    cpu_type("r6i.4xlarge", 16, 128, 1.008),
    cpu_type("r6i.8xlarge", 32, 256, 2.016),
    cpu_type("r6i.12xlarge", 48, 384, 3.024),
    cpu_type("r6i.16xlarge", 64, 512, 4.032),
    cpu_type("r6i.24xlarge", 96, 768, 6.048),
    cpu_type("r6i.32xlarge", 128, 1024, 8.064),
    cpu_type("r7i.large", 2, 16, 0.1323),
    cpu_type("r7i.xlarge", 4, 32, 0.2646),
    cpu_type("r7i.2xlarge", 8, 64, 0.5292),
    cpu_type("r7i.4xlarge", 16, 128, 1.0584),
    cpu_type("r7i.8xlarge", 32, 256, 2.1168),
    cpu_type("r7i.12xlarge", 48, 384, 3.1752),
    cpu_type("r7i.16xlarge", 64, 512, 4.2336),
    cpu_type("r7i.24xlarge", 96, 768, 6.3504),
    cpu_type("r7i.48xlarge", 192, 1536, 12.7008),
    graviton("r7g.medium", 1, 8, 0.0536),
    graviton("r7g.large", 2, 16, 0.1071),
    graviton("r7g.xlarge", 4, 32, 0.2142),
    graviton("r7g.2xlarge", 8, 64, 0.4284),
    graviton("r7g.4xlarge", 16, 128, 0.8568),
    graviton("r7g.8xlarge", 32, 256, 1.7136),
    graviton("r7g.12xlarge", 48, 384, 2.5704),
    graviton("r7g.16xlarge", 64, 512, 3.4272),
    // GPU.
    gpu_type("g4dn.xlarge", 4, 16, kT4, 1, 0.526),
    gpu_type("g4dn.2xlarge", 8, 32, kT4, 1, 0.752),
    gpu_type("g4dn.4xlarge", 16, 64, kT4, 1, 1.204),
    gpu_type("g4dn.8xlarge", 32, 128, kT4, 1, 2.176),
    gpu_type("g4dn.12xlarge", 48, 192, kT4, 4, 3.912),
    gpu_type("g4dn.16xlarge", 64, 256, kT4, 1, 4.352),
    gpu_type("g5.xlarge", 4, 16, kA10G, 1, 1.006),
    gpu_type("g5.2xlarge", 8, 32, kA10G, 1, 1.212),
    gpu_type("g5.4xlarge", 16, 64, kA10G, 1, 1.624),
    gpu_type("g5.8xlarge", 32, 128, kA10G, 1, 2.448),
    gpu_type("g5.12xlarge", 48, 192, kA10G, 4, 5.672),
    gpu_type("g5.16xlarge", 64, 256, kA10G, 1, 4.096),
    gpu_type("g5.24xlarge", 96, 384, kA10G, 4, 8.144),
    gpu_type("g5.48xlarge", 192, 768, kA10G, 8, 16.288),
    gpu_type("g6.xlarge", 4, 16, kL4, 1, 0.8048),
    gpu_type("g6.2xlarge", 8, 32, kL4, 1, 0.9776),
    gpu_type("g6.4xlarge", 16, 64, kL4, 1, 1.3232),
    gpu_type("g6.8xlarge", 32, 128, kL4, 1, 2.0144),
    gpu_type("g6.12xlarge", 48, 192, kL4, 4, 4.6016),
    gpu_type("g6.16xlarge", 64, 256, kL4, 1, 3.3968),
    gpu_type("g6.24xlarge", 96, 384, kL4, 4, 6.6752),
    gpu_type("g6.48xlarge", 192, 768, kL4, 8, 13.3504),
    gpu_type("g6e.xlarge", 4, 32, kL40S, 1, 1.861),
    gpu_type("g6e.2xlarge", 8, 64, kL40S, 1, 2.24208),
    gpu_type("g6e.4xlarge", 16, 128, kL40S, 1, 3.00424),
    gpu_type("g6e.8xlarge", 32, 256, kL40S, 1, 4.52856),
    gpu_type("g6e.12xlarge", 48, 384, kL40S, 4, 10.49264),
    gpu_type("g6e.16xlarge", 64, 512, kL40S, 1, 7.57719),
    gpu_type("g6e.24xlarge", 96, 768, kL40S, 4, 15.06559),
    gpu_type("g6e.48xlarge", 192, 1536, kL40S, 8, 30.13118),
    gpu_type("gr6.4xlarge", 16, 128, kL4, 1, 1.5392),
    gpu_type("gr6.8xlarge", 32, 256, kL4, 1, 2.4464),
    gpu_type("p4d.24xlarge", 96, 1152, kA100, 8, 32.7726),
    gpu_type("p5.48xlarge", 192, 2048, kH100, 8, 98.32),
    gpu_type("g5g.xlarge", 4, 8, kT4g, 1, 0.42, Cpu::graviton),
    gpu_type("g5g.2xlarge", 8, 16, kT4g, 1, 0.556, Cpu::graviton),
    gpu_type("g5g.4xlarge", 16, 32, kT4g, 1, 0.828, Cpu::graviton),
    gpu_type("g5g.8xlarge", 32, 64, kT4g, 1, 1.372, Cpu::graviton),
    gpu_type("g5g.16xlarge", 64, 128, kT4g, 2, 2.744, Cpu::graviton),
    // AWS Neuron (inference and training).
    neuron_type("inf2.xlarge", 4, 16, kInferentia2, 1, 0.7582),
    neuron_type("inf2.8xlarge", 32, 128, kInferentia2, 1, 1.9679),
    neuron_type("inf2.24xlarge", 96, 384, kInferentia2, 6, 6.4906),
    neuron_type("inf2.48xlarge", 192, 768, kInferentia2, 12, 12.9813),
    neuron_type("trn1.2xlarge", 8, 32, kTrainium, 1, 1.34375),
    neuron_type("trn1.32xlarge", 128, 512, kTrainium, 16, 21.50),
});

std::vector<InstanceTypeSpec> sorted_by_name() {
  std::vector<InstanceTypeSpec> sorted(kInstanceTypes.begin(), kInstanceTypes.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return sorted;
}

}  // namespace

std::string_view architecture_name(Architecture architecture) {
  return architecture == Architecture::arm64 ? "arm64" : "x86_64";
}

std::span<const InstanceTypeSpec> instance_types() {
  static const std::vector<InstanceTypeSpec> sorted = sorted_by_name();
  return sorted;
}

const InstanceTypeSpec* find_instance_type(std::string_view name) {
  auto types = instance_types();
  auto it = std::lower_bound(
      types.begin(), types.end(), name,
      [](const InstanceTypeSpec& spec, std::string_view key) { return spec.name < key; });
  return it != types.end() && it->name == name ? &*it : nullptr;
}

}  // namespace spawn::localcloud
