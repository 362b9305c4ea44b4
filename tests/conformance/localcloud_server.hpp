// One `spawn-localcloud serve` child for a test suite: started on port 0 with a
// state dir of its own and no boot delay, known by the export lines it prints,
// and stopped with SIGTERM like a user's Ctrl-C.
#pragma once

#include <expected>
#include <filesystem>
#include <string>

#include "child_process.hpp"

namespace spawn::conformance {

// What the server's `export` lines say: how the AWS CLI reaches it.
struct ServerEnv {
  std::string endpoint_url;
  std::string access_key_id;
  std::string secret_access_key;
  std::string region;
};

class LocalcloudServer {
 public:
  // Starts `binary serve --port 0 --state-dir state_dir --boot-delay 0s` and reads its export
  // lines; its stderr goes to `log_file`. Fails with what went wrong and the server's log.
  static std::expected<LocalcloudServer, std::string> start(const std::filesystem::path& binary,
                                                            const std::filesystem::path& state_dir,
                                                            const std::filesystem::path& log_file);

  const ServerEnv& env() const { return env_; }
  // SIGTERM, then waits for the server to exit; returns its exit status.
  int stop();

 private:
  LocalcloudServer(BackgroundProcess process, ServerEnv env)
      : process_(std::move(process)), env_(std::move(env)) {}

  BackgroundProcess process_;
  ServerEnv env_;
};

}  // namespace spawn::conformance
