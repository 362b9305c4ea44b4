// `spawn launch` (also `spawn` with launch flags and no command): read the request
// from flags and from truffle's piped offer, check it, make sure there is an SSH key,
// then run the launch saga (ops/launch.hpp) with live progress and print the result.
#include "spawn/ops/launch.hpp"

#include <iterator>
#include <memory>

#include "core/launch_spec.hpp"
#include "core/pricing.hpp"
#include "platform/interrupt.hpp"
#include "platform/paths.hpp"
#include "spawn/commands/command_table.hpp"
#include "spawn/commands/launch_input.hpp"
#include "spawn/ui/catalog.hpp"
#include "spawn/ui/launch_progress.hpp"
#include "spawn/ui/launch_report.hpp"

namespace spawn::cli {

namespace {

struct LaunchCommandFlags {
  LaunchFlags launch;
  std::string user_data;
  bool dry_run = false;
  bool no_wait = false;
  bool yes = false;
  std::string output = "text";
};

void add_placement_flags(CLI::App& command, LaunchFlags& flags) {
  command.add_option("-t,--instance-type", flags.instance_type,
                     std::string(ui::tr("Instance type, such as m7i.large")));
  command.add_option("--az,--availability-zone", flags.availability_zone,
                     std::string(ui::tr("Availability zone (default: any zone of the region)")));
  command.add_option("--ami", flags.image_id,
                     std::string(ui::tr("Image id (default: Amazon Linux 2023 for the type)")));
  command.add_option("-n,--name", flags.name, std::string(ui::tr("Name of the instance")));
  command.add_option("--volume-size", flags.volume_size_gib,
                     std::string(ui::tr("Root volume size in GiB (default 20)")));
  command.add_flag("--spot", flags.spot, std::string(ui::tr("Use a spot instance")));
  command.add_option("--spot-max-price", flags.spot_max_price,
                     std::string(ui::tr("Highest spot price to pay, USD per hour")));
  command.add_flag("--use-reservation", flags.use_reservation,
                   std::string(ui::tr("Use a matching open capacity reservation")));
  command.add_option("--reservation-id", flags.reservation_id,
                     std::string(ui::tr("Launch into this capacity reservation")));
}

void add_limit_flags(CLI::App& command, LaunchFlags& flags) {
  command.add_option("--ttl", flags.ttl,
                     std::string(ui::tr("Terminate after this long, such as 8h or 1d12h")));
  command.add_option("--idle-timeout", flags.idle_timeout,
                     std::string(ui::tr("Act after this long idle (default 1h without --ttl)")));
  command.add_option("--idle-cpu", flags.idle_cpu_percent,
                     std::string(ui::tr("CPU percentage below which the instance is idle")));
  command.add_flag("--no-timeout", flags.no_timeout,
                   std::string(ui::tr("No automatic idle timeout (you terminate it yourself)")));
  command.add_flag("--hibernate", flags.hibernate,
                   std::string(ui::tr("Enable hibernation (encrypted, RAM-sized root volume)")));
  command.add_flag("--hibernate-on-idle", flags.hibernate_on_idle,
                   std::string(ui::tr("Hibernate instead of stopping when idle")));
  command.add_option("--on-complete", flags.on_complete,
                     std::string(ui::tr("What to do on `spored complete`: terminate, stop or "
                                        "hibernate")));
  command.add_option("--completion-file", flags.completion_file,
                     std::string(ui::tr("File whose appearance means the work is done")));
  command.add_option("--completion-delay", flags.completion_delay,
                     std::string(ui::tr("Wait this long after completion before acting")));
}

void add_access_flags(CLI::App& command, LaunchCommandFlags& flags) {
  command.add_option("--user-data", flags.user_data,
                     std::string(ui::tr("Script run as root at first boot, or @file")));
  command.add_option("--command", flags.launch.command,
                     std::string(ui::tr("Command run as the default user after boot")));
  command.add_option("--key-pair", flags.launch.key_pair,
                     std::string(ui::tr("Existing EC2 key pair to use instead of your key")));
  command.add_option("--ssh-key", flags.launch.ssh_key,
                     std::string(ui::tr("Your SSH key (default ~/.ssh/id_ed25519, then id_rsa)")));
  command.add_option("--ssh-from", flags.launch.ssh_from,
                     std::string(ui::tr("Allow SSH from this CIDR (default: your address)")));
}

void add_run_flags(CLI::App& command, LaunchCommandFlags& flags) {
  command.add_flag("--dry-run", flags.dry_run,
                   std::string(ui::tr("Show the plan and check permissions; create nothing")));
  command.add_flag("--no-wait", flags.no_wait,
                   std::string(ui::tr("Return once EC2 accepted the launch")));
  command.add_flag("-y,--yes", flags.yes, std::string(ui::tr("Answer yes to every question")));
  command
      .add_option("-o,--output", flags.output, std::string(ui::tr("Output format: text or json")))
      ->check(CLI::IsMember({"text", "json"}).description(""));
}

std::optional<double> worst_case(const LaunchSpec& spec, const ops::LaunchOutcome& outcome) {
  if (!spec.ttl)
    return std::nullopt;
  return worst_case_usd(outcome.price.usd_per_hour, *spec.ttl);
}

Result<void> run_launch(Context& context, const LaunchCommandFlags& flags) {
  auto spec = read_launch_spec(context, flags.launch, flags.user_data);
  if (!spec)
    return std::unexpected(spec.error());
  warn_about_limits(context, *spec);
  auto session = context.session();
  if (!session)
    return std::unexpected(session.error());
  auto local_key = prepare_ssh_key(context, *spec, flags.yes);
  if (!local_key)
    return std::unexpected(local_key.error());
  auto data_dir = platform::data_dir(context.env());
  if (!data_dir)
    return std::unexpected(data_dir.error());

  platform::InterruptWatch interrupt;
  ui::LaunchProgress progress(context);
  ops::LaunchContext launch{.session = **session,
                            .env = context.env(),
                            .data_dir = *data_dir,
                            .cloud = cloud_kind(context),
                            .local_key = *local_key,
                            .username = ops::local_username(context.env()),
                            .events = progress.events(),
                            .stop = interrupt.stop_token()};
  auto outcome = ops::launch_instance(
      launch, *spec, flags.dry_run ? ops::LaunchMode::dry_run : ops::LaunchMode::real,
      flags.no_wait ? ops::WaitFor::nothing : ops::WaitFor::ssh);
  progress.finish();
  if (!outcome)
    return std::unexpected(outcome.error());
  ui::LaunchReport report{*outcome, *spec, context.local(),
                          *local_key ? (*local_key)->private_key.string() : std::string(),
                          worst_case(*spec, *outcome)};
  if (flags.dry_run) {
    ui::print_launch_plan(context.out(), report);
  } else if (flags.output == "json") {
    context.out() << ui::launch_result_json(report).dump(2) << '\n';
  } else {
    ui::print_launch_result(context.out(), report, context.symbols());
  }
  return {};
}

}  // namespace

Handler setup_launch(CLI::App& command) {
  auto flags = std::make_shared<LaunchCommandFlags>();
  add_placement_flags(command, flags->launch);
  add_limit_flags(command, flags->launch);
  add_access_flags(command, *flags);
  add_run_flags(command, *flags);
  return [flags](Context& context) { return run_launch(context, *flags); };
}

}  // namespace spawn::cli
