// One server per state dir: two servers over the same SQLite file and sandboxes
// would boot every instance twice. The lock is an flock on a file in the state
// dir, released by the kernel when the process dies, so a crash never leaves a
// stale lock behind. The file also tells `spawn-localcloud env` (and spawn
// --local) where the running server listens.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "util/result.hpp"

namespace spawn::localcloud {

class StateLock {
 public:
  // Takes the lock, or fails (ErrorKind::conflict) naming the pid that holds it.
  static Result<StateLock> acquire(const std::filesystem::path& state_dir);
  StateLock(StateLock&& other) noexcept;
  StateLock& operator=(StateLock&&) = delete;
  ~StateLock();

  // Records the endpoint of the server holding the lock.
  Result<void> publish(const std::string& endpoint_url);

 private:
  StateLock(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::filesystem::path path_;
};

struct ServingRecord {
  int pid = 0;
  std::string endpoint_url;
};
// What the server holding `state_dir` published; nullopt when none is running.
std::optional<ServingRecord> find_running_server(const std::filesystem::path& state_dir);

}  // namespace spawn::localcloud
