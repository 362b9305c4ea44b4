// fork + exec of a sandbox's first process, with what a sandbox needs that
// posix_spawn cannot give: a session of its own and death with its parent.
#pragma once

#include <sys/types.h>

#include "localcloud/instances/sandbox_command.hpp"
#include "util/result.hpp"

namespace spawn::localcloud {

// Starts `launch` as the leader of a new session, in launch.working_dir, with exactly
// launch.environment, stdin on /dev/null, stdout and stderr on `output_fd` and no other
// descriptor of ours. The child gets SIGKILL when the calling thread ends
// (PR_SET_PDEATHSIG), so call it from a thread that lives as long as the sandbox should.
Result<pid_t> start_child(const SandboxLaunch& launch, int output_fd);

}  // namespace spawn::localcloud
