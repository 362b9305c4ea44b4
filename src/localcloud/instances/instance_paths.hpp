// Where an instance's files live on the host, and the fixed places inside its
// sandbox that localcloud writes to or binds over. Kept in one header so the
// sandbox builder, the root preparer and the tests agree on every path.
#pragma once

#include <filesystem>
#include <string_view>

namespace spawn::localcloud {

// Inside the sandbox (absolute paths as its processes see them).
inline constexpr std::string_view kShimBinDir = "/opt/localcloud/bin";
inline constexpr std::string_view kBootScriptPath = "/var/lib/localcloud/boot.sh";
inline constexpr std::string_view kUnitStateDir = "/var/lib/localcloud/units";
inline constexpr std::string_view kConsoleMountPath = "/var/lib/localcloud/console.log";
inline constexpr std::string_view kUserDataPath = "/var/lib/cloud/instance/user-data.txt";
inline constexpr std::string_view kPerBootScriptDir = "/var/lib/cloud/scripts/per-boot";
inline constexpr std::string_view kHomeDir = "/home/ec2-user";
// PATH after the shim folder, as on Amazon Linux.
inline constexpr std::string_view kSystemPath =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

struct InstancePaths {
  std::filesystem::path instance_dir;  // <state_dir>/instances/<id>
  std::filesystem::path root;          // the sandbox's "/"
  std::filesystem::path console_log;   // outside the root: the instance cannot delete it

  // The host path of `inside` (an absolute path in the sandbox).
  std::filesystem::path host_path(std::string_view inside) const;
};

InstancePaths instance_paths(const std::filesystem::path& state_dir, std::string_view instance_id);

}  // namespace spawn::localcloud
