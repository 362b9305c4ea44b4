// A fresh folder for one test, removed with everything in it when the test ends:
// config files, scripts, and folders that stand for a machine's root. Tests never
// write outside it.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace spawn::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "spawn-test-XXXXXX").string();
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

  // Writes `content` to `relative` (creating its folders) and returns the file's path.
  std::filesystem::path write(std::string_view relative, std::string_view content,
                              std::filesystem::perms mode = std::filesystem::perms(0644)) const {
    auto file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    std::filesystem::permissions(file, mode);
    return file;
  }

  // Creates the folder `relative` and returns its path.
  std::filesystem::path folder(std::string_view relative) const {
    auto created = path_ / relative;
    std::filesystem::create_directories(created);
    return created;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace spawn::testing
