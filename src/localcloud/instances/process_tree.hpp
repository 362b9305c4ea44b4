// Finding a sandbox's processes in /proc. A sandbox is the process localcloud
// started (its "top": bubblewrap, or the boot script in the fallback), everything
// below it, and everything still in its session: the top calls setsid(), and a
// daemon that double-forks away from its parent keeps the session id, so it is
// found even after it was re-parented. The selection is a pure function over a
// snapshot, tested without real processes.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace spawn::localcloud {

struct ProcessInfo {
  pid_t pid = 0;
  pid_t parent = 0;
  pid_t session = 0;
  char state = '?';              // R, S, D, T (stopped), Z (zombie), ...
  std::uint64_t start_time = 0;  // clock ticks after boot: with pid, names one process for good
};

// Parses the text of /proc/<pid>/stat ("pid (comm) state ppid pgrp session ... starttime").
std::optional<ProcessInfo> parse_proc_stat(std::string_view text);

// The process `pid` as /proc shows it now; nullopt once it is gone.
std::optional<ProcessInfo> read_process(pid_t pid);

// Every process /proc shows now.
std::vector<ProcessInfo> list_processes();

// The sandbox whose top process is `top`: `top` (when listed), its descendants and the
// members of its session, parents before children where the tree says so.
std::vector<ProcessInfo> sandbox_members(const std::vector<ProcessInfo>& processes, pid_t top);

}  // namespace spawn::localcloud
