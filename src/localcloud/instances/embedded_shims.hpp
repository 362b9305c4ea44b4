// The shell scripts a sandbox runs instead of an init system (shims/*.sh: the boot
// script, systemctl, shutdown) and the aws wrapper, embedded into the binary at build time so that
// localcloud needs no installed data files.
#pragma once

#include <string_view>

namespace spawn::localcloud {

inline constexpr std::string_view kBootShim = "boot.sh";
inline constexpr std::string_view kSystemctlShim = "systemctl.sh";
inline constexpr std::string_view kShutdownShim = "shutdown.sh";
inline constexpr std::string_view kAwsShim = "aws.sh";

// The text of shims/<file_name>; empty when there is no such shim.
std::string_view embedded_shim(std::string_view file_name);

}  // namespace spawn::localcloud
