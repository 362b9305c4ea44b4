// The AWS session of `spawn --local`: the endpoint and keys of the local cloud
// (started in the background on first use), and none of the user's AWS set-up,
// so that nothing meant for the real account can reach it, nor the reverse.
#pragma once

#include <ostream>

#include "aws/call_log.hpp"
#include "spawn/context.hpp"
#include "util/env.hpp"

namespace spawn::cli {

// Whether SPAWN_LOCAL asks for local mode: "1", "true", "yes" or "on", in any case.
bool local_requested_by(const Environment& env);

// Builds sessions against the local cloud, starting it first when it is not running (and
// saying so on `err`). `options`, `env` and `err` must outlive the factory and its sessions.
SessionFactory local_session_factory(const GlobalOptions& options, const Environment& env,
                                     aws::CallObserver* observer, std::ostream& err);

}  // namespace spawn::cli
