// Interactive sessions: someone logged in, or a terminal open, keeps an instance
// alive while they work even when the CPUs rest.
#pragma once

#include <filesystem>

namespace spawn::spored {

// The larger of: USER_PROCESS records in <root>/run/utmp (what `who` lists; a missing
// file counts none), and the numbered entries of <root>/dev/pts (terminals, including
// ones without a login record, such as tmux panes or Jupyter terminals; ptmx is not one).
int count_sessions(const std::filesystem::path& root);

}  // namespace spawn::spored
