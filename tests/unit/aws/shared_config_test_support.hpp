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

#include "util/env.hpp"

namespace spawn::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "spawn-config-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      ADD_FAILURE() << "mkdtemp failed";
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `content` to `name` inside the folder and returns its path.
  std::filesystem::path write(const std::string& name, std::string_view content,
                              std::filesystem::perms mode = std::filesystem::perms(0644)) const {
    auto file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    std::filesystem::permissions(file, mode);
    return file;
  }

 private:
  std::filesystem::path path_;
};

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
