// What a launch works with besides the user's request: the AWS session, where spawn
// keeps files, how the user is told about progress, and the Ctrl-C token. The steps
// report through StepEvents by key and catalog msgid (labels are translated by the
// CLI), so the launch workflow knows nothing of terminals.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

#include "aws/session.hpp"
#include "spawn/ops/ssh_key.hpp"
#include "util/env.hpp"

namespace spawn::ops {

struct StepEvents {
  std::function<void(std::string_view key, std::string_view label)> started;
  std::function<void(std::string_view key, std::string detail)> done;
  std::function<void(std::string_view key, std::string reason)> skipped;
  std::function<void(std::string_view key, std::string reason)> failed;
  std::function<void(std::string line)> note;
};

// Where the launch runs: a real AWS account, or spawn-localcloud on this machine (whose
// instances are sandboxes reached from 127.0.0.1 with no SSH server to wait for).
enum class CloudKind { aws, local };

struct LaunchContext {
  aws::Session& session;
  const Environment& env;
  std::filesystem::path data_dir;  // spawn's data folder: caches
  CloudKind cloud = CloudKind::aws;
  std::optional<LocalKey> local_key;  // the SSH key to import; none with --key-pair
  std::string username;               // names the imported key pair
  StepEvents events;
  std::stop_token stop;
};

}  // namespace spawn::ops
