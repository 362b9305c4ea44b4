// Talking to one spawn-localcloud server, for local_cloud.cpp: asking the program
// whether a server runs on a state dir (`spawn-localcloud env --json`), and the
// admin API over plain HTTP (health, reset).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "spawn/ops/local_cloud.hpp"
#include "util/result.hpp"

namespace spawn::ops {

struct ServerAnswer {
  bool running = false;  // a server holds the state dir
  int pid = 0;
  LocalCloud cloud;  // cloud.endpoint_url stays "" while the server is still binding
};

// What `spawn-localcloud env --json --state-dir DIR` says.
Result<ServerAnswer> ask_server(const std::filesystem::path& program,
                                const std::filesystem::path& state_dir);

// Whether GET /_localcloud/health answers 200.
bool answers_health(const std::string& endpoint_url);

// POSTs to the admin API (`path`: "/_localcloud/reset"); ErrorKind::io unless it answers 2xx.
Result<void> admin_post(const std::string& endpoint_url, std::string_view path);

// The last lines of the server's log (DIR/server.log), for error messages.
std::string server_log_tail(const std::filesystem::path& state_dir);

// Where a server spawn started writes its output.
std::filesystem::path server_log(const std::filesystem::path& state_dir);

}  // namespace spawn::ops
