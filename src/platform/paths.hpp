// Where spawn keeps things on the user's machine. One interface so a Windows or
// macOS port changes one file; POSIX implementation in paths_posix.cpp.
#pragma once

#include <filesystem>

#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::platform {

// The user's home folder: $HOME, else the password database.
Result<std::filesystem::path> home_dir(const Environment& env);
// spawn's configuration folder: $SPAWN_CONFIG_DIR, else ~/.spawn.
Result<std::filesystem::path> config_dir(const Environment& env);
// spawn's data folder (localcloud state, caches): $XDG_DATA_HOME/spawn, else ~/.local/share/spawn.
Result<std::filesystem::path> data_dir(const Environment& env);
// Expands a leading "~/" to the home folder.
Result<std::filesystem::path> expand_user(const std::filesystem::path& path,
                                          const Environment& env);

}  // namespace spawn::platform
