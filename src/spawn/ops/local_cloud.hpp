// `spawn --local`: spawn working against a spawn-localcloud on this machine, which it
// starts itself when none runs. The server is a separate, detached process on the
// state dir <data dir>/localcloud, so it outlives the spawn command that started it
// and later commands find it again; `spawn-localcloud env --json` says whether one
// runs there and where (its own lock file is the truth, spawn never reads it). What
// spawn must never do in local mode is send the user's real AWS credentials, so the
// session's environment replaces them with the local cloud's test keys.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// How long a starting server may take to answer (it boots again the instances that ran).
inline constexpr std::chrono::seconds kLocalCloudStartDeadline{30};
// How long a stopping server may take to halt its instances and exit.
inline constexpr std::chrono::seconds kLocalCloudStopDeadline{30};
// The region of the local cloud unless --region says otherwise.
inline constexpr std::string_view kLocalCloudRegion = "us-east-1";

struct LocalCloud {
  std::string endpoint_url;  // "http://127.0.0.1:PORT"
  std::string access_key_id;
  std::string secret_access_key;
  std::string region;
  std::filesystem::path state_dir;
  bool started_now = false;  // this call started the server
};

// <data dir>/localcloud: where spawn's local cloud keeps its state.
Result<std::filesystem::path> local_cloud_state_dir(const Environment& env);

// The spawn-localcloud program: $SPAWN_LOCALCLOUD, else the one beside the running spawn,
// else on PATH, else the one of the build tree spawn was built in. ErrorKind::not_found
// (saying how to get it) when there is none.
Result<std::filesystem::path> find_local_cloud_program(const Environment& env);

// The server that serves the state dir; nullopt when none runs.
Result<std::optional<LocalCloud>> running_local_cloud(const Environment& env);

// Called just before a server is started, so the user learns why the command takes a moment
// (the CLI says it in the user's language).
using LocalCloudStarting = std::function<void(const std::filesystem::path& state_dir)>;

// The running server, or a new one started in the background, once it answers.
// ErrorKind::timeout when it does not answer by kLocalCloudStartDeadline, io when it exits
// first (with the end of its log, DIR/server.log).
Result<LocalCloud> ensure_local_cloud(const Environment& env, const LocalCloudStarting& starting);

// `base` with the local cloud's keys and `region` (the cloud's when empty), and nothing of
// the user's AWS set-up: no profile, session token, config files, endpoint, IMDS or HTTP
// proxy. `base` must outlive the result.
std::unique_ptr<OverlayEnvironment> local_cloud_environment(const Environment& base,
                                                            const LocalCloud& cloud,
                                                            std::string_view region = {});

struct LocalCloudStatus {
  std::filesystem::path state_dir;
  std::optional<LocalCloud> cloud;                // nullopt when no server runs
  int pid = 0;                                    // the server's, when it runs
  std::string region;                             // where the instances were counted
  std::map<std::string, int> instances_by_state;  // "running" → 2, ...
};

// Whether a server runs and, when it does, its instances in `region` (the cloud's when
// empty) by state.
Result<LocalCloudStatus> local_cloud_status(const Environment& env, std::string_view region = {});

// Stops the server (SIGTERM, which halts its instances; their files stay) and waits until
// it has exited. Returns false when none was running.
Result<bool> stop_local_cloud(const Environment& env);

// Makes the local cloud forget every resource: terminates every instance, deletes every
// sandbox, bucket, role and network. Starts the server first when none runs.
Result<LocalCloud> reset_local_cloud(const Environment& env, const LocalCloudStarting& starting);

}  // namespace spawn::ops
