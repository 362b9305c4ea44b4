// Finding spawn-localcloud. The order serves the three ways spawn runs: a test or a
// user pinning one ($SPAWN_LOCALCLOUD), an installed pair (both in one bin folder,
// whatever PATH says), and a developer running spawn straight from the build tree,
// where the build records its own spawn-localcloud (SPAWN_LOCALCLOUD_BUILD_PATH; left
// out when the build has no spawn-localcloud target).
#include <fmt/format.h>
#include <unistd.h>

#include <system_error>

#include "platform/paths.hpp"
#include "platform/process.hpp"
#include "spawn/ops/local_cloud.hpp"

namespace spawn::ops {

namespace {

constexpr std::string_view kProgramName = "spawn-localcloud";

bool is_executable(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error) && ::access(path.c_str(), X_OK) == 0;
}

std::optional<std::filesystem::path> beside_this_program() {
  std::error_code error;
  auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error)
    return std::nullopt;
  auto candidate = self.parent_path() / kProgramName;
  return is_executable(candidate) ? std::optional(candidate) : std::nullopt;
}

std::optional<std::filesystem::path> in_build_tree() {
#ifdef SPAWN_LOCALCLOUD_BUILD_PATH
  std::filesystem::path built = SPAWN_LOCALCLOUD_BUILD_PATH;
  if (is_executable(built))
    return built;
#endif
  return std::nullopt;
}

}  // namespace

Result<std::filesystem::path> local_cloud_state_dir(const Environment& env) {
  auto data = platform::data_dir(env);
  if (!data)
    return std::unexpected(data.error());
  return *data / "localcloud";
}

Result<std::filesystem::path> find_local_cloud_program(const Environment& env) {
  if (auto pinned = env.get_nonempty("SPAWN_LOCALCLOUD")) {
    if (is_executable(*pinned))
      return std::filesystem::path(*pinned);
    return fail(ErrorKind::not_found,
                fmt::format("SPAWN_LOCALCLOUD names {}, which is not a program", *pinned),
                "Point SPAWN_LOCALCLOUD at the spawn-localcloud binary, or unset it.");
  }
  for (const auto& found :
       {beside_this_program(), platform::find_on_path(kProgramName, env), in_build_tree()}) {
    if (found)
      return *found;
  }
  return fail(ErrorKind::not_found,
              "--local needs spawn-localcloud, which is neither beside spawn nor on PATH",
              "Install it with spawn (`make install`), or set SPAWN_LOCALCLOUD to its path.");
}

}  // namespace spawn::ops
