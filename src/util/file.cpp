#include "util/file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

namespace spawn {

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno;
    ErrorKind kind = err == ENOENT ? ErrorKind::not_found : ErrorKind::io;
    return fail(kind, fmt::format("cannot read {}: {}", path.string(), std::strerror(err)));
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad())
    return fail(ErrorKind::io, fmt::format("error reading {}", path.string()));
  return content.str();
}

Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view content,
                               std::filesystem::perms mode) {
  std::random_device random;
  auto temporary = path;
  temporary += fmt::format(".tmp{:08x}", random());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      return fail(ErrorKind::io,
                  fmt::format("cannot write {}: {}", temporary.string(), std::strerror(errno)));
    }
    std::error_code ignored;
    std::filesystem::permissions(temporary, mode, ignored);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      std::filesystem::remove(temporary, ignored);
      return fail(ErrorKind::io, fmt::format("error writing {}", temporary.string()));
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    return fail(ErrorKind::io,
                fmt::format("cannot replace {}: {}", path.string(), error.message()));
  }
  return {};
}

}  // namespace spawn
