// `spawn start <id-or-name>` (or a job array): starts a stopped or hibernated
// instance, giving back the TTL `spawn stop` saved, then waits until it runs
// (unless --no-wait) by polling EC2, and says how to connect (spec §8).
#include <memory>
#include <string>
#include <vector>

#include "spawn/commands/command_table.hpp"
#include "spawn/commands/instance_args.hpp"
#include "spawn/ops/instance_power.hpp"
#include "spawn/ops/instance_wait.hpp"
#include "spawn/ui/catalog.hpp"

namespace spawn::cli {

namespace {

struct StartFlags {
  std::vector<std::string> names;
  JobArrayFlags job_array;
  bool no_wait = false;
};

void report_started(Context& context, const ops::ManagedInstance& instance,
                    const ops::StartOutcome& outcome) {
  const std::string name = ops::display_name(instance);
  context.out() << ui::trf("Start request sent for {instance} in {region}.",
                           fmt::arg("instance", name), fmt::arg("region", instance.region))
                << '\n';
  if (outcome.restored_ttl) {
    context.out() << "  "
                  << ui::trf("The TTL runs again: {ttl} from now.",
                             fmt::arg("ttl", *outcome.restored_ttl))
                  << '\n';
  }
}

void report_running(Context& context, const aws::Instance& instance) {
  context.out() << ui::trf("{instance} is running.", fmt::arg("instance", instance.instance_id))
                << '\n';
  if (!instance.public_ip.empty())
    context.out() << "  "
                  << ui::trf("Connect: spawn connect {instance}",
                             fmt::arg("instance", instance.instance_id))
                  << '\n';
}

Result<void> wait_until_running(Context& context, aws::Session& session,
                                const std::vector<ops::ManagedInstance>& started) {
  for (const auto& instance : started) {
    context.err() << ui::trf("Waiting for {instance} to run...",
                             fmt::arg("instance", instance.id()))
                  << '\n';
    aws::AwsClient client = session.client_for(instance.region);
    auto running = ops::wait_for_state(client, instance.id(), ops::instance_state::running);
    if (!running)
      return std::unexpected(running.error());
    report_running(context, *running);
  }
  return {};
}

Result<void> run_start(Context& context, const StartFlags& flags) {
  auto targets = session_and_targets(context, flags.names, flags.job_array, Arity::one);
  if (!targets)
    return std::unexpected(targets.error());
  aws::Session& session = *targets->session;
  std::vector<ops::ManagedInstance> started;
  auto outcome = act_on_each(context, targets->instances, ops::check_startable,
                             [&](const ops::ManagedInstance& instance) -> Result<void> {
                               auto start =
                                   ops::start_instance(session, instance, now_for(session));
                               if (!start)
                                 return std::unexpected(start.error());
                               report_started(context, instance, *start);
                               started.push_back(instance);
                               return {};
                             });
  const std::size_t target_count = targets->instances.size();
  auto finished =
      finish_batch(context, outcome, target_count,
                   ui::trf("Started: {done}/{total} instances", fmt::arg("done", outcome.done),
                           fmt::arg("total", target_count)));
  if (!finished || flags.no_wait)
    return finished;
  return wait_until_running(context, session, started);
}

}  // namespace

Handler setup_start(CLI::App& command) {
  auto flags = std::make_shared<StartFlags>();
  command.add_option("instance", flags->names, std::string(ui::tr("The instance ID or name")))
      ->type_name(std::string(ui::tr("ID-OR-NAME")));
  add_job_array_flags(command, flags->job_array);
  command.add_flag("--no-wait", flags->no_wait,
                   std::string(ui::tr("Return once EC2 has the request, without waiting until "
                                      "the instance runs")));
  return [flags](Context& context) { return run_start(context, *flags); };
}

}  // namespace spawn::cli
