#include "localcloud/instances/sandbox_root.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <utility>
#include <vector>

#include "localcloud/instances/embedded_shims.hpp"
#include "localcloud/instances/sandbox_command.hpp"
#include "util/file.hpp"

namespace spawn::localcloud {

namespace {

namespace fs = std::filesystem;

constexpr auto kExecutable = fs::perms(0755);
constexpr auto kPrivate = fs::perms(0600);
constexpr auto kSharedTemporary = fs::perms(01777);

constexpr std::array<std::string_view, 13> kPrivateFolders = {"/etc/spawn",
                                                              "/etc/systemd/system",
                                                              "/var/log",
                                                              "/var/lib/spored",
                                                              "/var/lib/cloud/instance/scripts",
                                                              kPerBootScriptDir,
                                                              kUnitStateDir,
                                                              kHomeDir,
                                                              "/run",
                                                              "/root",
                                                              kShimBinDir,
                                                              "/tmp",
                                                              "/usr/local"};
// The shutdown shim answers to each of these names (it reads $0).
constexpr std::array<std::string_view, 4> kPowerCommands = {"shutdown", "poweroff", "halt",
                                                            "reboot"};

Result<void> io_failure(const fs::path& path, const std::error_code& error) {
  return fail(ErrorKind::io, fmt::format("cannot prepare {}: {}", path.string(), error.message()));
}

Result<void> create_folders(const InstancePaths& paths) {
  for (auto folder : kPrivateFolders) {
    std::error_code error;
    fs::create_directories(paths.host_path(folder), error);
    if (error) {
      return io_failure(paths.host_path(folder), error);
    }
  }
  std::error_code error;
  fs::permissions(paths.host_path("/tmp"), kSharedTemporary, error);
  return {};
}

// Makes `path` the symlink `target`, replacing a stale link or an empty mount point.
Result<void> ensure_symlink(const fs::path& path, const fs::path& target) {
  std::error_code error;
  if (fs::is_symlink(fs::symlink_status(path, error)) && fs::read_symlink(path, error) == target) {
    return {};
  }
  fs::remove(path, error);
  fs::create_symlink(target, path, error);
  return error ? io_failure(path, error) : Result<void>{};
}

Result<void> create_symlinks(const InstancePaths& paths, const HostLayout& layout) {
  for (const auto& [inside, target] : root_symlinks(layout)) {
    if (auto made = ensure_symlink(paths.host_path(inside), target); !made) {
      return made;
    }
  }
  return {};
}

Result<void> write_shims(const InstancePaths& paths) {
  auto bin = paths.host_path(kShimBinDir);
  std::vector<std::pair<fs::path, std::string_view>> shims{
      {bin / "systemctl", kSystemctlShim},
      {bin / "aws", kAwsShim},
      {paths.host_path(kBootScriptPath), kBootShim}};
  for (auto command : kPowerCommands) {
    shims.emplace_back(bin / command, kShutdownShim);
  }
  for (const auto& [path, shim] : shims) {
    if (auto written = write_file_atomic(path, embedded_shim(shim), kExecutable); !written) {
      return written;
    }
  }
  return {};
}

Result<void> touch(const fs::path& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return fail(ErrorKind::io,
                fmt::format("cannot create {}: {}", path.string(), std::strerror(errno)));
  }
  ::close(fd);
  return {};
}

}  // namespace

Result<void> prepare_root(const InstancePaths& paths, const HostLayout& layout,
                          std::string_view user_data) {
  std::function<Result<void>()> steps[] = {
      [&] { return create_folders(paths); },
      [&] { return create_symlinks(paths, layout); },
      [&] { return write_shims(paths); },
      [&] { return write_file_atomic(paths.host_path(kUserDataPath), user_data, kPrivate); },
      [&] { return touch(paths.console_log); },
      [&] { return touch(paths.host_path(kConsoleMountPath)); },
  };
  for (const auto& step : steps) {
    if (auto done = step(); !done) {
      return done;
    }
  }
  return {};
}

}  // namespace spawn::localcloud
