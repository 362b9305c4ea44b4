// Acting on all processes of one sandbox at once (found as process_tree.hpp
// says): stopping them for good, freezing and thawing them.
#pragma once

#include <sys/types.h>

#include <chrono>

#include "localcloud/instances/isolation.hpp"

namespace spawn::localcloud {

// Ends every process of the sandbox under `top`: SIGTERM (with SIGCONT, should it be
// frozen), up to `grace` for them to exit (waited for on the processes themselves), then
// SIGKILL for whatever is left, until none is left. Under bubblewrap the top process (bwrap)
// is spared the SIGTERM: its end would SIGKILL the whole PID namespace at once, while the
// sandbox's own processes ending takes bwrap with them.
void terminate_sandbox(pid_t top, Isolation isolation, std::chrono::milliseconds grace);

// SIGSTOP to every process of the sandbox, again until no new process shows up.
void freeze_sandbox(pid_t top);

// SIGCONT to every process of the sandbox.
void thaw_sandbox(pid_t top);

}  // namespace spawn::localcloud
