// How a sandbox's first process is started, as plain data: the bubblewrap command
// line (or the plain-process fallback) and the complete environment. Pure
// functions of the host layout and the instance's paths, so the mount plan is
// tested without starting anything.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "localcloud/instances/host_layout.hpp"
#include "localcloud/instances/instance_host.hpp"
#include "localcloud/instances/instance_paths.hpp"

namespace spawn::localcloud {

using EnvironmentList = std::vector<std::pair<std::string, std::string>>;

struct SandboxBootRequest {
  InstancePaths paths;
  std::string hostname;  // what `hostname` prints inside (bubblewrap only)
  BootMode mode = BootMode::first;
  EnvironmentList environment;  // AWS_* and the like, added to the sandbox's own variables
  // What runs instead of the boot script (`spawn-localcloud shell`); empty: the boot script.
  // A name without '/' is looked up on the sandbox's PATH.
  std::vector<std::string> command;
};

struct SandboxLaunch {
  std::vector<std::string> argv;  // argv[0] is an absolute path, unless a command says otherwise
  std::vector<std::string> environment;  // "NAME=value": the whole environment, nothing inherited
  std::filesystem::path working_dir;
};

// bubblewrap with its own PID, IPC and UTS namespaces, dying with its parent: the root
// folder bound at "/", the host's /usr, non-merged /bin-like folders and each /etc entry
// read-only except /etc/spawn and /etc/systemd/system (the root's own), /proc, /dev, the
// console log at kConsoleMountPath, and the shims bound over the host's init tools. The
// network is the host's.
SandboxLaunch bubblewrap_launch(const std::string& bwrap_path, const HostLayout& layout,
                                const SandboxBootRequest& request);

// The reduced-isolation fallback: the boot script run directly with the root folder as
// working directory, HOME and TMPDIR inside it and LOCALCLOUD_ROOT naming it.
SandboxLaunch plain_launch(const SandboxBootRequest& request);

// Symlinks the root folder needs on disk, as (path inside the root, target): the host's
// merged-/usr links (/bin -> usr/bin) and the symlinks among the /etc entries.
std::vector<std::pair<std::string, std::string>> root_symlinks(const HostLayout& layout);

}  // namespace spawn::localcloud
