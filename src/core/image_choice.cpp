#include "core/image_choice.hpp"

#include <algorithm>
#include <array>

namespace spawn {

namespace {

// Graviton families: a digit generation, then "g" and optional attribute letters.
constexpr std::array<std::string_view, 3> kArmSuffixes = {"g", "gd", "gn"};

// Families with NVIDIA GPUs the Deep Learning base image supports, matched as prefixes so
// that p4d, g4dn, g6e and p5en are found too.
constexpr std::array<std::string_view, 6> kGpuPrefixes = {"g4dn", "g5", "g6", "gr6", "p4", "p5"};

std::string_view family_of(std::string_view instance_type) {
  return instance_type.substr(0, instance_type.find('.'));
}

bool is_arm_family(std::string_view family) {
  // The generation digit comes after the series letters: "m7g" -> series "m", rest "7g".
  auto digit = family.find_first_of("0123456789");
  if (digit == std::string_view::npos)
    return false;
  std::string_view rest = family.substr(digit + 1);
  return std::find(kArmSuffixes.begin(), kArmSuffixes.end(), rest) != kArmSuffixes.end();
}

bool is_gpu_family(std::string_view family) {
  return std::any_of(kGpuPrefixes.begin(), kGpuPrefixes.end(),
                     [&](std::string_view prefix) { return family.starts_with(prefix); });
}

}  // namespace

MachineFacts guess_machine_facts(std::string_view instance_type) {
  std::string_view family = family_of(instance_type);
  return {is_arm_family(family) ? Architecture::arm64 : Architecture::x86_64,
          is_gpu_family(family)};
}

std::string_view image_parameter(const MachineFacts& facts) {
  if (facts.gpu) {
    return facts.architecture == Architecture::arm64
               ? "/aws/service/deeplearning/ami/arm64/"
                 "base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id"
               : "/aws/service/deeplearning/ami/x86_64/"
                 "base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id";
  }
  return facts.architecture == Architecture::arm64
             ? "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
             : "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
}

std::string_view architecture_name(Architecture architecture) {
  return architecture == Architecture::arm64 ? "arm64" : "x86_64";
}

}  // namespace spawn
