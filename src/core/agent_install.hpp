// How an instance gets spored: user-data lines that download the agent through a
// presigned URL, check it against its published sha256 (a truncated or altered
// download never runs as root), install it with its systemd unit and start it.
// Launch puts them first in every instance's user-data; tests and benchmarks use
// the same lines to put the real agent into localcloud instances.
#pragma once

#include <string>
#include <string_view>

namespace spawn {

struct AgentDownload {
  std::string url;     // presigned GET of spored-linux-<arch>
  std::string sha256;  // its digest, lowercase hex
};

// packaging/spored.service, embedded at build time.
std::string_view spored_unit();

// Bash for a script running as root (user-data): downloads, verifies and installs
// /usr/local/bin/spored and /etc/systemd/system/spored.service, then enables and starts
// it. A failed download or a digest mismatch exits the script with status 1 and says why
// on stderr. `run_flags` follow `spored run` in the unit (tests run the agent faster).
std::string agent_install_script(const AgentDownload& download, std::string_view run_flags = {});

}  // namespace spawn
