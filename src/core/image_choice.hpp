// Which machine image spawn picks when the user names none (spec §3.6 and its
// correction): Amazon Linux 2023 for the instance's architecture, or AWS's Deep
// Learning base image with the NVIDIA driver when the type has a GPU. The choice is
// data, not code, so a path AWS renames is fixed in one table. The architecture and
// GPU are first guessed from the family name, so the image can be looked up in the
// same parallel round as the instance type itself; describe_instance_types then
// confirms them (instance_facts_from below) and a wrong guess costs one more look-up.
#pragma once

#include <string>
#include <string_view>

namespace spawn {

enum class Architecture { x86_64, arm64 };

struct MachineFacts {
  Architecture architecture = Architecture::x86_64;
  bool gpu = false;
  bool operator==(const MachineFacts&) const = default;
};

// The facts the family name implies: the Graviton families (t4g, m7g, c8g, ...) are arm64;
// the NVIDIA families (g4dn, g5, g6e, gr6, p4d, p5, ...) have a GPU.
MachineFacts guess_machine_facts(std::string_view instance_type);

// The SSM public parameter holding the latest image id for `facts`.
std::string_view image_parameter(const MachineFacts& facts);

// The root device of spawn's default images: where the root volume is mapped.
inline constexpr std::string_view kDefaultRootDevice = "/dev/xvda";

// "x86_64" / "arm64", as EC2 and the agent's file names spell them.
std::string_view architecture_name(Architecture architecture);

}  // namespace spawn
