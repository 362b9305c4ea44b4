#include "spawn/local_session.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/version.hpp"
#include "spawn/ops/local_cloud.hpp"
#include "spawn/ui/catalog.hpp"
#include "util/strings.hpp"

namespace spawn::cli {

bool local_requested_by(const Environment& env) {
  constexpr std::array<std::string_view, 4> kYes = {"1", "true", "yes", "on"};
  auto value = env.get_nonempty("SPAWN_LOCAL");
  if (!value)
    return false;
  return std::any_of(kYes.begin(), kYes.end(),
                     [&](std::string_view yes) { return iequals(*value, yes); });
}

SessionFactory local_session_factory(const GlobalOptions& options, const Environment& env,
                                     aws::CallObserver* observer, std::ostream& err) {
  // The session reads its environment again for credentials, so the overlay lives as long
  // as the factory (which the Context keeps beside the session).
  auto overlay = std::make_shared<std::unique_ptr<OverlayEnvironment>>();
  return [&options, &env, observer, &err, overlay]() -> Result<std::unique_ptr<aws::Session>> {
    auto cloud = ops::ensure_local_cloud(env, [&err](const std::filesystem::path& state_dir) {
      err << ui::trf("Starting spawn-localcloud in the background (state in {dir})...",
                     fmt::arg("dir", state_dir.string()))
          << '\n';
    });
    if (!cloud)
      return std::unexpected(cloud.error());
    std::string region = options.region.empty() ? cloud->region : options.region;
    *overlay = ops::local_cloud_environment(env, *cloud, region);
    aws::SessionOptions session_options;
    session_options.region = region;
    session_options.endpoint_url = cloud->endpoint_url;
    session_options.observer = observer;
    session_options.user_agent = fmt::format("spawn/{}", kVersion);
    return aws::make_session(session_options, **overlay);
  };
}

}  // namespace spawn::cli
