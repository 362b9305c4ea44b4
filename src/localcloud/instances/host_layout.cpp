#include "localcloud/instances/host_layout.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <optional>
#include <string_view>
#include <system_error>

namespace spawn::localcloud {

namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 6> kUsrMergeNames = {"bin",   "sbin",  "lib",
                                                            "lib32", "lib64", "libx32"};
constexpr std::array<std::string_view, 10> kInitToolPaths = {
    "/usr/bin/systemctl", "/usr/sbin/shutdown", "/usr/sbin/poweroff", "/usr/sbin/halt",
    "/usr/sbin/reboot",   "/bin/systemctl",     "/sbin/shutdown",     "/sbin/poweroff",
    "/sbin/halt",         "/sbin/reboot"};

std::optional<HostEntry> entry_at(const fs::path& path) {
  std::error_code error;
  auto status = fs::symlink_status(path, error);
  if (error || !fs::exists(status)) {
    return std::nullopt;
  }
  HostEntry entry{path.filename().string(), EntryKind::file, {}};
  if (fs::is_symlink(status)) {
    entry.kind = EntryKind::symlink;
    entry.link_target = fs::read_symlink(path, error).string();
  } else if (fs::is_directory(status)) {
    entry.kind = EntryKind::directory;
  }
  return entry;
}

std::vector<HostEntry> entries_of(const fs::path& folder) {
  std::vector<HostEntry> entries;
  std::error_code error;
  for (const auto& item : fs::directory_iterator(folder, error)) {
    if (auto entry = entry_at(item.path())) {
      entries.push_back(std::move(*entry));
    }
  }
  std::ranges::sort(entries, {}, &HostEntry::name);
  return entries;
}

bool is_file_in_real_folder(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(fs::symlink_status(path, error)) &&
         !fs::is_symlink(fs::symlink_status(path.parent_path(), error));
}

}  // namespace

HostLayout read_host_layout() {
  HostLayout layout;
  for (auto name : kUsrMergeNames) {
    if (auto entry = entry_at(fs::path("/") / name)) {
      layout.usr_merge.push_back(std::move(*entry));
    }
  }
  layout.etc = entries_of("/etc");
  layout.etc_systemd = entries_of("/etc/systemd");
  for (auto path : kInitToolPaths) {
    if (is_file_in_real_folder(path)) {
      layout.init_tools.emplace_back(path);
    }
  }
  return layout;
}

}  // namespace spawn::localcloud
