#include "core/agent_install.hpp"

#include <fmt/format.h>

#include "util/strings.hpp"

namespace spawn {

namespace {

constexpr std::string_view kExecStart = "ExecStart=/usr/local/bin/spored run";

// The unit with `run_flags` added to its command.
std::string unit_with(std::string_view run_flags) {
  std::string unit(spored_unit());
  if (!run_flags.empty()) {
    auto at = unit.find(kExecStart);
    if (at != std::string::npos)
      unit.insert(at + kExecStart.size(), " " + std::string(run_flags));
  }
  return unit;
}

}  // namespace

std::string agent_install_script(const AgentDownload& download, std::string_view run_flags) {
  return fmt::format(R"(# spored, the spawn agent: download, verify, install, start.
mkdir -p /usr/local/bin /etc/systemd/system
if ! curl --fail --silent --show-error --location --retry 5 --retry-connrefused \
    --output /usr/local/bin/spored.download {url}; then
  echo "spawn: cannot download spored; the instance is not protected by its TTL" >&2
  exit 1
fi
if ! echo {sha256}'  /usr/local/bin/spored.download' | sha256sum --check --status; then
  rm -f /usr/local/bin/spored.download
  echo "spawn: the downloaded spored does not match its sha256; not installed" >&2
  exit 1
fi
chmod 0755 /usr/local/bin/spored.download
mv /usr/local/bin/spored.download /usr/local/bin/spored
cat > /etc/systemd/system/spored.service <<'SPORED_UNIT'
{unit}SPORED_UNIT
systemctl daemon-reload
systemctl enable --now spored
)",
                     fmt::arg("url", shell_quote(download.url)),
                     fmt::arg("sha256", shell_quote(download.sha256)),
                     fmt::arg("unit", unit_with(run_flags)));
}

}  // namespace spawn
