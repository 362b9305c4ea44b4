// Running Debian's AWS CLI against localcloud the way a user would, but with a
// clean environment: no config or credentials files, no pager, no IMDS lookups,
// one attempt per call (so injected errors are seen, not retried away).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "localcloud_server.hpp"

namespace spawn::conformance {

// Always this path: the suite checks Debian's awscli, not whatever `aws` is first on PATH.
inline constexpr const char* kAwsCliPath = "/usr/bin/aws";

// What one `aws` command did.
struct AwsResult {
  std::string command;  // the words after `aws`, for messages
  int exit_code = -1;
  std::string out;
  std::string err;

  bool succeeded() const { return exit_code == 0; }
  // stdout parsed as JSON; null when it is empty or not JSON.
  nlohmann::json json() const;
};

// The command, its exit code and both streams, for assertion messages.
std::ostream& operator<<(std::ostream& out, const AwsResult& result);

// The AWS CLI pointed at one server with one set of keys and one region. Copy it and change a
// field to sign with other keys or talk to another region.
struct AwsCli {
  ServerEnv env;
  std::filesystem::path home;  // HOME for the CLI, inside the suite's temp dir

  // Runs `/usr/bin/aws <args> --endpoint-url <url> --output json`.
  AwsResult run(const std::vector<std::string>& args) const;
};

}  // namespace spawn::conformance
