// `spawn stop <id-or-name>` (or a job array): StopInstances, with what is left of
// the TTL saved so that `spawn start` gives it back (spec §8). Stopped instances
// cost only their storage; the TTL does not run while they are stopped.
#include "spawn/commands/stop.hpp"

#include <memory>
#include <string>
#include <vector>

#include "spawn/commands/instance_args.hpp"
#include "spawn/ui/catalog.hpp"

namespace spawn::cli {

namespace {

struct StopFlags {
  std::vector<std::string> names;
  JobArrayFlags job_array;
};

void report(Context& context, const ops::ManagedInstance& instance, ops::StopKind kind,
            const ops::StopOutcome& outcome) {
  const std::string name = ops::display_name(instance);
  auto who = fmt::arg("instance", name);
  auto where = fmt::arg("region", instance.region);
  context.out() << (kind == ops::StopKind::hibernate
                        ? ui::trf("Hibernate request sent for {instance} in {region}.", who, where)
                        : ui::trf("Stop request sent for {instance} in {region}.", who, where))
                << '\n';
  if (outcome.saved_ttl) {
    context.out() << "  "
                  << ui::trf("The TTL is paused with {left} left; `spawn start` gives it back.",
                             fmt::arg("left", format_duration(*outcome.saved_ttl)))
                  << '\n';
  }
  if (outcome.tag_error) {
    warn(context, ui::trf("the stop tags (spawn:last-stop-*, spawn:ttl-remaining) were not "
                          "written: {error}",
                          fmt::arg("error", outcome.tag_error->message)));
  }
}

Result<void> run_stop(Context& context, const StopFlags& flags, ops::StopKind kind) {
  auto targets = session_and_targets(context, flags.names, flags.job_array, Arity::one);
  if (!targets)
    return std::unexpected(targets.error());
  aws::Session& session = *targets->session;
  auto outcome = act_on_each(
      context, targets->instances,
      [kind](const ops::ManagedInstance& instance) { return ops::check_stoppable(instance, kind); },
      [&](const ops::ManagedInstance& instance) -> Result<void> {
        auto stopped = ops::stop_instance(session, instance, kind, now_for(session));
        if (!stopped)
          return std::unexpected(stopped.error());
        report(context, instance, kind, *stopped);
        return {};
      });
  const std::size_t target_count = targets->instances.size();
  auto counts = fmt::arg("done", outcome.done);
  auto total = fmt::arg("total", target_count);
  return finish_batch(context, outcome, targets->instances.size(),
                      kind == ops::StopKind::hibernate
                          ? ui::trf("Hibernated: {done}/{total} instances", counts, total)
                          : ui::trf("Stopped: {done}/{total} instances", counts, total));
}

}  // namespace

Handler setup_stopping(CLI::App& command, ops::StopKind kind) {
  auto flags = std::make_shared<StopFlags>();
  command.add_option("instance", flags->names, std::string(ui::tr("The instance ID or name")))
      ->type_name(std::string(ui::tr("ID-OR-NAME")));
  add_job_array_flags(command, flags->job_array);
  return [flags, kind](Context& context) { return run_stop(context, *flags, kind); };
}

Handler setup_stop(CLI::App& command) {
  return setup_stopping(command, ops::StopKind::stop);
}

}  // namespace spawn::cli
