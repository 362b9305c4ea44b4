// The bubblewrap mount plan. bubblewrap 0.8 has no overlay, so the instance's root
// folder is bound read-write at "/" and the host's parts are bound read-only on top
// of it one by one: /usr, the merged-/usr names that are real folders on this host
// (symlinks such as /bin -> usr/bin are created in the root folder instead, because
// bwrap's --symlink fails when the link exists from an earlier boot), and every
// /etc entry except the ones the instance owns (/etc/spawn, and /etc/systemd/system
// inside an /etc/systemd whose other entries are the host's). Mount points bwrap
// creates for these stay behind in the root folder as empty files and folders; that
// is harmless and makes the next boot no different.
#include "localcloud/instances/sandbox_command.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace spawn::localcloud {

namespace {

constexpr std::string_view kPrivateEtcEntry = "spawn";
constexpr std::string_view kEtcSystemd = "systemd";
constexpr std::string_view kPrivateEtcSystemdEntry = "system";

void add(std::vector<std::string>& argv, std::initializer_list<std::string_view> words) {
  for (auto word : words) {
    argv.emplace_back(word);
  }
}

void bind_read_only(std::vector<std::string>& argv, const std::string& path) {
  add(argv, {"--ro-bind", path, path});
}

// A host folder whose entries are shown one by one, except the ones the instance owns.
struct SharedFolder {
  std::string_view path;  // "" for "/"
  const std::vector<HostEntry>& entries;
  std::vector<std::string_view> private_entries;

  bool shows(const HostEntry& entry) const {
    return std::ranges::find(private_entries, entry.name) == private_entries.end();
  }
  std::string path_of(const HostEntry& entry) const { return std::string(path) + "/" + entry.name; }
};

std::array<SharedFolder, 3> shared_folders(const HostLayout& layout) {
  return {SharedFolder{"", layout.usr_merge, {}},
          SharedFolder{"/etc", layout.etc, {kPrivateEtcEntry, kEtcSystemd}},
          SharedFolder{"/etc/systemd", layout.etc_systemd, {kPrivateEtcSystemdEntry}}};
}

void bind_host_parts(std::vector<std::string>& argv, const HostLayout& layout,
                     const InstancePaths& paths) {
  bind_read_only(argv, "/usr");
  // /usr/local is the instance's own, as on a real machine: software installed there
  // (spored among it) must not need the host's.
  add(argv, {"--bind", paths.host_path("/usr/local").string(), "/usr/local"});
  for (const auto& folder : shared_folders(layout)) {
    for (const auto& entry : folder.entries) {
      if (entry.kind != EntryKind::symlink && folder.shows(entry)) {
        bind_read_only(argv, folder.path_of(entry));
      }
    }
  }
}

// Debian links shutdown & co. to systemctl; the shim keeps the name it is called by.
std::string shim_for(const std::string& tool_path) {
  return tool_path.substr(tool_path.rfind('/') + 1);
}

void bind_shims_over_init_tools(std::vector<std::string>& argv, const HostLayout& layout,
                                const InstancePaths& paths) {
  for (const auto& tool : layout.init_tools) {
    auto shim = paths.host_path(kShimBinDir) / shim_for(tool);
    add(argv, {"--ro-bind", shim.string(), tool});
  }
}

std::string_view mode_name(BootMode mode) {
  return mode == BootMode::first ? "first" : "again";
}

struct SandboxVariables {
  std::string root;     // LOCALCLOUD_ROOT: how the root folder is seen from inside
  std::string console;  // LOCALCLOUD_CONSOLE
};

std::vector<std::string> environment_for(const SandboxBootRequest& request,
                                         const SandboxVariables& sandbox) {
  std::vector<std::string> environment;
  environment.reserve(request.environment.size());
  for (const auto& [name, value] : request.environment) {
    environment.push_back(name);
    environment.back().append("=").append(value);
  }
  auto inside = [&](std::string_view path) { return sandbox.root + std::string(path); };
  environment.push_back("HOME=" + inside(kHomeDir));
  environment.push_back("TMPDIR=" + inside("/tmp"));
  environment.push_back("PATH=" + inside(kShimBinDir) + ":" + std::string(kSystemPath));
  environment.push_back("LANG=C.UTF-8");
  environment.push_back("LOCALCLOUD_ROOT=" + sandbox.root);
  environment.push_back("LOCALCLOUD_CONSOLE=" + sandbox.console);
  environment.push_back("LOCALCLOUD_BOOT_MODE=" + std::string(mode_name(request.mode)));
  return environment;
}

// The request's command, else bash running the boot script at `boot_script`.
std::vector<std::string> command_of(const SandboxBootRequest& request,
                                    const std::string& boot_script) {
  if (!request.command.empty())
    return request.command;
  return {"/bin/bash", boot_script};
}

}  // namespace

SandboxLaunch bubblewrap_launch(const std::string& bwrap_path, const HostLayout& layout,
                                const SandboxBootRequest& request) {
  const auto& paths = request.paths;
  std::vector<std::string> argv{bwrap_path};
  add(argv, {"--die-with-parent", "--unshare-pid", "--unshare-ipc", "--unshare-uts"});
  add(argv, {"--hostname", request.hostname});
  add(argv, {"--bind", paths.root.string(), "/"});
  bind_host_parts(argv, layout, paths);
  add(argv, {"--proc", "/proc", "--dev", "/dev"});
  add(argv, {"--bind", paths.console_log.string(), kConsoleMountPath});
  bind_shims_over_init_tools(argv, layout, paths);
  add(argv, {"--chdir", "/"});
  auto command = command_of(request, std::string(kBootScriptPath));
  argv.insert(argv.end(), command.begin(), command.end());
  return SandboxLaunch{std::move(argv),
                       environment_for(request, {"", std::string(kConsoleMountPath)}),
                       paths.instance_dir};
}

SandboxLaunch plain_launch(const SandboxBootRequest& request) {
  const auto& paths = request.paths;
  return SandboxLaunch{command_of(request, paths.host_path(kBootScriptPath).string()),
                       environment_for(request, {paths.root.string(), paths.console_log.string()}),
                       paths.root};
}

std::vector<std::pair<std::string, std::string>> root_symlinks(const HostLayout& layout) {
  std::vector<std::pair<std::string, std::string>> links;
  for (const auto& folder : shared_folders(layout)) {
    for (const auto& entry : folder.entries) {
      if (entry.kind == EntryKind::symlink && folder.shows(entry)) {
        links.emplace_back(folder.path_of(entry), entry.link_target);
      }
    }
  }
  return links;
}

}  // namespace spawn::localcloud
