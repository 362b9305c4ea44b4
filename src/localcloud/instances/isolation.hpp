// How sandboxes are isolated on this machine: bubblewrap (PID, mount, IPC and UTS
// namespaces) when it is installed and allowed to create namespaces, else plain
// child processes. Decided once, by running a trivial command through bubblewrap.
#pragma once

#include <string>

namespace spawn::localcloud {

enum class Isolation { bubblewrap, plain_process };

struct IsolationProbe {
  bool bubblewrap_works = false;
  std::string bwrap_path;  // absolute, when found on PATH
  std::string problem;     // why bubblewrap cannot be used, when it cannot
};

// Looks for bwrap on PATH and runs `bwrap ... /bin/true` with the namespaces a sandbox uses.
IsolationProbe probe_bubblewrap();

}  // namespace spawn::localcloud
