// `spored run`: the agent's loop. Signals are taken synchronously (blocked, then
// waited for between rounds), so a SIGHUP never interrupts a round half-way:
// SIGHUP reads the tags again now, SIGTERM and SIGINT save the state and exit.
#pragma once

#include <iosfwd>

#include "spored/agent.hpp"
#include "util/env.hpp"

namespace spawn::spored {

struct DaemonOptions {
  Duration check_interval = std::chrono::seconds{5};    // spot notices, completion, TTL
  Duration config_interval = std::chrono::seconds{60};  // tags read again
  AgentOptions agent;
};

// Runs until SIGTERM or SIGINT; returns the exit code.
int run_daemon(const DaemonOptions& options, const Environment& env, std::ostream& err);

}  // namespace spawn::spored
