// `spored run`: what the systemd unit starts. The intervals are flags so that tests
// and impatient demos can run the same agent faster; the defaults are the spec's.
#include <fmt/format.h>

#include <array>
#include <ostream>

#include "core/duration.hpp"
#include "spored/cli/commands.hpp"
#include "spored/daemon.hpp"

namespace spawn::spored {

namespace {

struct RunFlags {
  std::string check_interval = "5s";
  std::string sample_interval = "60s";
  std::string config_interval = "60s";
  std::string sensors_root = "/";
};

Result<DaemonOptions> daemon_options(const RunFlags& flags) {
  DaemonOptions options;
  struct Interval {
    std::string_view flag;
    const std::string& text;
    Duration& value;
  };
  for (auto [flag, text, value] :
       {Interval{"--check-interval", flags.check_interval, options.check_interval},
        Interval{"--sample-interval", flags.sample_interval, options.agent.sample_interval},
        Interval{"--config-interval", flags.config_interval, options.config_interval}}) {
    auto parsed = parse_duration(text);
    if (!parsed)
      return fail(ErrorKind::usage, fmt::format("{}: {}", flag, parsed.error().message));
    value = *parsed;
  }
  options.agent.sensors_root = flags.sensors_root;
  return options;
}

// The flags of `spored run`, each a text parsed once all are read.
struct RunFlag {
  const char* name;
  std::string RunFlags::*value;
  const char* help;
};

constexpr std::array<RunFlag, 4> kRunFlags{{
    {"--check-interval", &RunFlags::check_interval,
     "How often spot notices, the completion file and the TTL are checked"},
    {"--sample-interval", &RunFlags::sample_interval,
     "The window over which activity is measured for the idle timeout"},
    {"--config-interval", &RunFlags::config_interval,
     "How often the instance's tags are read again"},
    {"--sensors-root", &RunFlags::sensors_root,
     "Read /proc, /sys, /dev/pts and utmp under this folder (tests, containers)"},
}};

}  // namespace

Action setup_run(CLI::App& command) {
  auto flags = std::make_shared<RunFlags>();
  for (const auto& flag : kRunFlags)
    command.add_option(flag.name, (*flags).*flag.value, flag.help)->capture_default_str();
  return [flags](const Environment& env, Streams streams) {
    auto options = daemon_options(*flags);
    if (!options) {
      streams.err << "spored: " << options.error().message << "\n";
      return 2;
    }
    return run_daemon(*options, env, streams.err);
  };
}

}  // namespace spawn::spored
