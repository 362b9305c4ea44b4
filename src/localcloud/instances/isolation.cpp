#include "localcloud/instances/isolation.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>

#include "platform/process.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {

namespace {

constexpr std::chrono::seconds kProbeTimeout{10};

std::optional<std::string> find_on_path(std::string_view program) {
  const char* path = std::getenv("PATH");
  for (const auto& folder : split(path != nullptr ? path : "/usr/bin:/bin", ':')) {
    auto candidate = (folder.empty() ? std::string(".") : folder) + "/" + std::string(program);
    if (::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return std::nullopt;
}

}  // namespace

IsolationProbe probe_bubblewrap() {
  IsolationProbe probe;
  auto bwrap = find_on_path("bwrap");
  if (!bwrap) {
    probe.problem = "bubblewrap (bwrap) is not installed";
    return probe;
  }
  probe.bwrap_path = *bwrap;
  auto ran = platform::run_process(
      {*bwrap, "--die-with-parent", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--ro-bind",
       "/", "/", "--proc", "/proc", "--dev", "/dev", "/bin/true"},
      platform::ProcessOptions{.timeout = kProbeTimeout});
  if (!ran) {
    probe.problem = fmt::format("bubblewrap could not be run: {}", ran.error().message);
  } else if (ran->exit_code != 0) {
    probe.problem =
        fmt::format("bubblewrap cannot create namespaces here: {}", trim(ran->error_output));
  } else {
    probe.bubblewrap_works = true;
  }
  return probe;
}

}  // namespace spawn::localcloud
