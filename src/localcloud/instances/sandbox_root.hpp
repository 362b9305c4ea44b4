// The instance's root folder on disk, made ready for a boot.
#pragma once

#include <string_view>

#include "localcloud/instances/host_layout.hpp"
#include "localcloud/instances/instance_paths.hpp"
#include "util/result.hpp"

namespace spawn::localcloud {

// Creates (first boot) or refreshes (later boots) the instance folder: the root's own
// folders (/tmp, /etc/spawn, /etc/systemd/system, /var/log, /var/lib/spored,
// /var/lib/cloud, /home/ec2-user, /run, ...), the symlinks `layout` asks for, the shims in
// kShimBinDir, the boot script, the user-data file and the console log. Files the
// instance wrote earlier stay.
Result<void> prepare_root(const InstancePaths& paths, const HostLayout& layout,
                          std::string_view user_data);

}  // namespace spawn::localcloud
