// What of the host a sandbox shows: /usr and the merged-/usr names (/bin, /lib,
// ...), the entries of /etc one by one (so that /etc/spawn and /etc/systemd/system
// can be the sandbox's own), and the host's init tools that the shims replace.
// Read once from the real file system; sandbox_command.cpp turns it into
// bubblewrap arguments as a pure function, so tests can give any layout.
#pragma once

#include <string>
#include <vector>

namespace spawn::localcloud {

enum class EntryKind { directory, file, symlink };

struct HostEntry {
  std::string name;  // file name inside its folder ("bin", "hosts")
  EntryKind kind = EntryKind::file;
  std::string link_target;  // symlinks only, as readlink gives it
};

struct HostLayout {
  std::vector<HostEntry> usr_merge;    // bin, sbin, lib, lib32, lib64, libx32 of / that exist
  std::vector<HostEntry> etc;          // every entry of /etc
  std::vector<HostEntry> etc_systemd;  // every entry of /etc/systemd
  // Absolute host paths of init tools (systemctl, shutdown, poweroff, halt, reboot) that are
  // regular files in real folders, so a shim can be bound over each.
  std::vector<std::string> init_tools;
};

// Reads the layout of the machine's own file system.
HostLayout read_host_layout();

}  // namespace spawn::localcloud
