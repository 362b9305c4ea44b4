// find_agent_dir: an installed spawn finds the agents `make install` put beside it; a
// spawn run from a build tree finds the ones its build gathered (cmake/AgentArm64.cmake)
// or `make dist` left in the source tree. Those two paths are compiled in
// (SPAWN_BUILD_AGENT_DIR, SPAWN_SOURCE_DIST_DIR) and only matter on the machine that built it.
#include <fmt/format.h>

#include <algorithm>

#include "spawn/ops/agent_store.hpp"
#include "util/strings.hpp"

namespace spawn::ops {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kAgentDirVariable = "SPAWN_AGENT_DIR";
constexpr std::string_view kHint =
    "Run `make dist` in spawn's source tree, or set SPAWN_AGENT_DIR to a folder holding "
    "spored-linux-amd64 and spored-linux-arm64.";

// The agent files `dir` lacks (empty when it has both).
std::vector<std::string> missing_in(const fs::path& dir) {
  std::vector<std::string> missing;
  for (std::string_view arch : kAgentArchitectures) {
    auto name = agent_file_name(arch).value_or("");
    std::error_code error;
    if (!fs::is_regular_file(dir / name, error))
      missing.push_back(name);
  }
  return missing;
}

fs::path running_executable() {
  std::error_code error;
  return fs::read_symlink("/proc/self/exe", error);
}

}  // namespace

std::vector<fs::path> agent_dir_candidates(const fs::path& executable) {
  std::vector<fs::path> candidates;
  if (!executable.empty())
    candidates.push_back(executable.parent_path().parent_path() / "libexec" / "spawn");
  candidates.emplace_back(SPAWN_BUILD_AGENT_DIR);
  candidates.emplace_back(SPAWN_SOURCE_DIST_DIR);
  return candidates;
}

Result<fs::path> find_agent_dir(const Environment& env) {
  if (auto chosen = env.get_nonempty(kAgentDirVariable)) {
    auto missing = missing_in(*chosen);
    if (missing.empty())
      return fs::path(*chosen);
    return fail(
        ErrorKind::not_found,
        fmt::format("SPAWN_AGENT_DIR is {}, which has no {}", *chosen, join(missing, " and no ")),
        std::string(kHint));
  }
  auto candidates = agent_dir_candidates(running_executable());
  auto found = std::find_if(candidates.begin(), candidates.end(),
                            [](const fs::path& dir) { return missing_in(dir).empty(); });
  if (found != candidates.end())
    return *found;
  std::vector<std::string> looked;
  looked.reserve(candidates.size());
  for (const auto& dir : candidates)
    looked.push_back(dir.string());
  return fail(
      ErrorKind::not_found,
      fmt::format("no spored-linux-amd64 and spored-linux-arm64 found to publish (looked in "
                  "{})",
                  join(looked, ", ")),
      std::string(kHint));
}

}  // namespace spawn::ops
