// `spawn-localcloud serve`, and the command line of the emulator (serve, env, shell).
#pragma once

namespace spawn::localcloud {

// Parses argv, runs the server until SIGINT/SIGTERM, returns the exit code
// (0 clean stop, 1 failure to start, 2 usage error).
int run_localcloud_cli(int argc, char** argv);

}  // namespace spawn::localcloud
