// `spawn-localcloud env`: how to reach the server that serves a state dir, as
// shell export lines (for people) or as JSON (for spawn --local, which must also
// learn when no server runs there).
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>

namespace spawn::localcloud {

inline constexpr std::string_view kDefaultRegion = "us-east-1";

struct EnvFlags {
  std::string state_dir;
  std::string region{kDefaultRegion};
  bool json = false;
};

// The --state-dir given, else spawn's data folder's localcloud/.
std::filesystem::path state_dir_or_default(const std::string& flag);

// The lines that point the AWS CLI and spawn at `endpoint` with localcloud's test keys.
void print_exports(std::ostream& out, const std::string& endpoint, std::string_view region);

// Registers `env` and its flags on `app`.
CLI::App* add_env_command(CLI::App& app, EnvFlags& flags);

// Prints the export lines (exit 0), or says that no server runs (exit 1). With --json it
// prints {"running": true, "endpoint_url", "access_key_id", "secret_access_key", "region",
// "pid", "state_dir"} or {"running": false, "state_dir"}, and exits 0 either way.
int print_env(const EnvFlags& flags);

}  // namespace spawn::localcloud
