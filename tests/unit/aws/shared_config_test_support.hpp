// Temporary folders holding AWS config files and scripts, for the configuration and
// credentials tests. Never the real ~/.aws: everything lives under a fresh folder
// that is removed when the test ends.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "temp_dir.hpp"
#include "util/env.hpp"

namespace spawn::testing {

// An environment whose HOME and AWS file variables point into `dir`, with IMDS disabled.
inline MapEnvironment aws_files_env(const TempDir& dir) {
  MapEnvironment env;
  env.set("HOME", dir.path().string());
  env.set("AWS_CONFIG_FILE", (dir.path() / "config").string());
  env.set("AWS_SHARED_CREDENTIALS_FILE", (dir.path() / "credentials").string());
  env.set("AWS_EC2_METADATA_DISABLED", "true");
  return env;
}

}  // namespace spawn::testing
