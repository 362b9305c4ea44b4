// A spawn user's machine for end-to-end tests of the CLI: a home folder (its SSH key
// is created by the first launch), spawn's data folder, the agent binaries to publish
// (the real spored, built for this machine), and the environment pointing spawn's AWS
// calls at a test localcloud. `spawn` runs in-process through cli::run, exactly as
// main() runs it, or as the real binary when a test needs to signal it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "localcloud_fixture.hpp"
#include "util/env.hpp"

namespace spawn::e2e {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class SpawnUser {
 public:
  explicit SpawnUser(integration::TestCloud& cloud);

  // `spawn --endpoint-url <cloud> args...` with `input` on stdin (not a terminal).
  CliRun run(std::vector<std::string> args, const std::string& input = {});

  const std::filesystem::path& home() const { return home_.path(); }
  const MapEnvironment& env() const { return env_; }
  // The environment as NAME=value lines, for running the real binary.
  std::vector<std::string> environment_lines() const;
  // The endpoint every call goes to.
  const std::string& endpoint() const { return endpoint_; }

 private:
  integration::TempDir home_;
  MapEnvironment env_;
  std::string endpoint_;
};

// The instance id in `spawn launch --output json`'s answer ("" when there is none).
std::string launched_id(const CliRun& run);

}  // namespace spawn::e2e
