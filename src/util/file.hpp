// Whole-file reads and atomic writes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace spawn {

// The file's bytes; ErrorKind::not_found when it does not exist, io otherwise.
Result<std::string> read_file(const std::filesystem::path& path);
// Writes through a temporary file in the same folder and renames it into place, so readers
// never see half a file. `mode` is applied to the new file (0600 for anything secret).
Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view content,
                               std::filesystem::perms mode = std::filesystem::perms(0644));

}  // namespace spawn
