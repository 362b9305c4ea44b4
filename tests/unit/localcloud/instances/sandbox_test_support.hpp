// Helpers shared by the sandbox tests: a temporary state folder, waiting for a
// condition with a deadline, and finding a sandbox's process by its command line.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "localcloud/instances/process_tree.hpp"

namespace spawn::localcloud::test {

using namespace std::chrono_literals;

// Long enough for a slow, shared machine; conditions are met in milliseconds normally.
inline constexpr std::chrono::seconds kDeadline{30};

// A fresh folder under testing::TempDir(), deleted with everything in it at the end.
class TempFolder {
 public:
  TempFolder() {
    static std::atomic<int> counter{0};
    path_ =
        std::filesystem::path(::testing::TempDir()) /
        ("localcloud-instances-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Checks `condition` until it holds or `timeout` passes; true when it held.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds timeout = kDeadline) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

// The file's text, "" when it does not exist.
inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// /proc/<pid>/cmdline with spaces between the arguments ("" once the process is gone).
// Read with read(): iostreams throw when the process ends during the read.
inline std::string command_line(pid_t pid) {
  auto path = "/proc/" + std::to_string(pid) + "/cmdline";
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return "";
  }
  std::string text(4096, '\0');
  auto length = ::read(fd, text.data(), text.size());
  ::close(fd);
  text.resize(length > 0 ? static_cast<std::size_t>(length) : 0);
  std::ranges::replace(text, '\0', ' ');
  while (!text.empty() && text.back() == ' ') {
    text.pop_back();
  }
  return text;
}

inline std::optional<ProcessInfo> find_process(const std::vector<ProcessInfo>& processes,
                                               const std::string& command) {
  for (const auto& process : processes) {
    if (command_line(process.pid) == command) {
      return process;
    }
  }
  return std::nullopt;
}

// Whether `process` has ended (gone from /proc, or a zombie waiting to be collected).
inline bool is_gone(const ProcessInfo& process) {
  auto now = read_process(process.pid);
  return !now || now->start_time != process.start_time || now->state == 'Z';
}

}  // namespace spawn::localcloud::test
