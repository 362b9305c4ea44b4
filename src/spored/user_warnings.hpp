// Telling the people on the instance what is about to happen: `wall` to every
// terminal, and the latest warning in /tmp/SPAWN_WARNING for programs and for
// sessions that started after the broadcast.
#pragma once

#include <filesystem>
#include <string>

#include "util/result.hpp"

namespace spawn::spored {

// Broadcasts `message` with wall (no shell involved; a missing wall is not an error
// worth stopping for) and writes it to `warning_file`. The error, if any, is the file's.
Result<void> warn_users(const std::filesystem::path& warning_file, const std::string& message);

}  // namespace spawn::spored
