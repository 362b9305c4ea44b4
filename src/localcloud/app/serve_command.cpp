#include "localcloud/app/serve_command.hpp"

#include <signal.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>

#include "core/duration.hpp"
#include "localcloud/app/env_command.hpp"
#include "localcloud/app/localcloud.hpp"
#include "localcloud/app/shell_command.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::uint16_t kDefaultPort = 4580;

struct ServeFlags {
  std::uint16_t port = kDefaultPort;
  std::string state_dir;
  std::string region{kDefaultRegion};
  std::string boot_delay = "1s";
  std::string spot_interruption_delay = "2m";
  std::string terminated_retention = "1h";
  std::string latency = "0s";
  double error_rate = 0;
  std::string error_code = "ServiceUnavailable";
  std::string capacity_error;  // TYPE, @ZONE or TYPE@ZONE
  std::string iam_propagation_delay = "0s";
  bool no_default_vpc = false;
};

Result<Milliseconds> duration_flag(std::string_view name, const std::string& text) {
  auto value = parse_duration(text, ZeroDuration::allowed);
  if (!value)
    return fail(ErrorKind::usage, "--" + std::string(name) + ": " + value.error().message);
  return value;
}

Result<LocalcloudOptions> options_from(const ServeFlags& flags) {
  LocalcloudOptions options;
  options.port = flags.port;
  options.state_dir = state_dir_or_default(flags.state_dir);
  auto boot = duration_flag("boot-delay", flags.boot_delay);
  auto spot = duration_flag("spot-interruption-delay", flags.spot_interruption_delay);
  auto retention = duration_flag("terminated-retention", flags.terminated_retention);
  auto latency = duration_flag("latency", flags.latency);
  auto iam_propagation = duration_flag("iam-propagation-delay", flags.iam_propagation_delay);
  for (const auto* parsed : {&boot, &spot, &retention, &latency, &iam_propagation}) {
    if (!*parsed)
      return std::unexpected(parsed->error());
  }
  options.ec2.boot_delay = *boot;
  options.ec2.spot_interruption_delay = *spot;
  options.ec2.terminated_retention = *retention;
  options.ec2.default_vpc = flags.no_default_vpc ? DefaultVpc::no : DefaultVpc::yes;
  options.faults.latency = *latency;
  options.faults.iam_propagation = *iam_propagation;
  options.faults.error_rate = flags.error_rate;
  options.faults.error_code = flags.error_code;
  if (auto status = injectable_error_status(flags.error_code); !status) {
    return std::unexpected(status.error());
  }
  if (!flags.capacity_error.empty()) {
    std::size_t at = flags.capacity_error.find('@');
    options.faults.capacity =
        CapacityFault{flags.capacity_error.substr(0, at),
                      at == std::string::npos ? "" : flags.capacity_error.substr(at + 1)};
  }
  return options;
}

// Waits for SIGINT or SIGTERM. The signals are blocked in every thread (the mask is
// inherited), so they arrive here and nowhere else.
void wait_for_stop_signal(const sigset_t& signals) {
  int received = 0;
  sigwait(&signals, &received);
}

int serve(const ServeFlags& flags) {
  auto options = options_from(flags);
  if (!options) {
    std::cerr << "spawn-localcloud: " << options.error().message << "\n";
    return 2;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto cloud = Localcloud::start(*options);
  if (!cloud) {
    std::cerr << "spawn-localcloud: " << cloud.error().message << "\n";
    if (!cloud.error().hint.empty())
      std::cerr << cloud.error().hint << "\n";
    return 1;
  }
  print_exports(std::cout, (*cloud)->endpoint_url(), flags.region);
  std::cerr << "spawn-localcloud: serving " << (*cloud)->endpoint_url() << ", state in "
            << options->state_dir.string() << " (Ctrl-C stops; instances stay on disk)\n";
  wait_for_stop_signal(signals);
  std::cerr << "spawn-localcloud: stopping\n";
  (*cloud)->stop();
  return 0;
}

}  // namespace

int run_localcloud_cli(int argc, char** argv) {
  CLI::App app{"spawn-localcloud: a local AWS-compatible cloud whose instances really run"};
  app.require_subcommand(1);
  ServeFlags flags;
  CLI::App* serve_cmd = app.add_subcommand("serve", "Serve the local cloud on 127.0.0.1");
  serve_cmd->add_option("--port", flags.port, "Port to listen on (0 picks a free one)")
      ->capture_default_str();
  serve_cmd->add_option("--state-dir", flags.state_dir,
                        "Where state, sandboxes and objects live (default: ~/.local/share/spawn/"
                        "localcloud)");
  serve_cmd->add_option("--region", flags.region, "Region printed in the export lines")
      ->capture_default_str();
  serve_cmd->add_option("--boot-delay", flags.boot_delay, "Time from pending to running")
      ->capture_default_str();
  serve_cmd
      ->add_option("--spot-interruption-delay", flags.spot_interruption_delay,
                   "Time from a spot interruption notice to the action")
      ->capture_default_str();
  serve_cmd
      ->add_option("--terminated-retention", flags.terminated_retention,
                   "How long terminated instances stay visible")
      ->capture_default_str();
  serve_cmd->add_option("--latency", flags.latency, "Injected latency before every answer")
      ->capture_default_str();
  serve_cmd->add_option("--error-rate", flags.error_rate, "Share of requests that fail (0..1)")
      ->check(CLI::Range(0.0, 1.0));
  serve_cmd->add_option("--error-code", flags.error_code, "Code of injected failures")
      ->capture_default_str();
  serve_cmd->add_option("--capacity-error", flags.capacity_error,
                        "InsufficientInstanceCapacity for TYPE, @ZONE or TYPE@ZONE");
  serve_cmd
      ->add_option("--iam-propagation-delay", flags.iam_propagation_delay,
                   "RunInstances refuses an instance profile this long after its role was added")
      ->capture_default_str();
  serve_cmd->add_flag("--no-default-vpc", flags.no_default_vpc,
                      "Regions have no default VPC (as in an account where it was deleted)");
  EnvFlags env_flags;
  CLI::App* env_cmd = add_env_command(app, env_flags);
  ShellFlags shell_flags;
  CLI::App* shell_cmd = add_shell_command(app, shell_flags);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 2;
  }
  if (serve_cmd->parsed())
    return serve(flags);
  if (shell_cmd->parsed())
    return run_shell(shell_flags);
  return env_cmd->parsed() ? print_env(env_flags) : 2;
}

}  // namespace spawn::localcloud
