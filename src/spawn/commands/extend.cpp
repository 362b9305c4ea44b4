// `spawn extend <id-or-name> <duration>` and `spawn extend --job-array-id|name X
// <duration>`: more time before the TTL ends (spec §6, with the add-semantics of
// its [REC]): the duration is added to spawn:ttl, so the deadline moves by exactly
// that much. Only running instances are extended. spored reads its tags every
// minute, so nothing has to reach the instance itself.
#include <memory>
#include <string>
#include <vector>

#include "spawn/commands/command_table.hpp"
#include "spawn/commands/instance_args.hpp"
#include "spawn/ops/instance_extend.hpp"
#include "spawn/ui/catalog.hpp"
#include "spawn/ui/time_text.hpp"

namespace spawn::cli {

namespace {

struct ExtendFlags {
  std::vector<std::string> args;  // [<id-or-name>] <duration>
  JobArrayFlags job_array;
};

struct ExtendRequest {
  std::vector<std::string> names;
  Milliseconds extension{};
};

Result<ExtendRequest> read_request(const ExtendFlags& flags) {
  std::size_t wanted = flags.job_array.given() ? 1 : 2;
  if (flags.args.size() != wanted) {
    return fail(ErrorKind::usage,
                flags.job_array.given()
                    ? std::string(ui::tr("with a job array, give only the duration to add"))
                    : std::string(ui::tr("give the instance ID or name and the duration to add")),
                std::string(ui::tr("For example: spawn extend my-instance 2h, or spawn extend "
                                   "--job-array-name sweep 30m.")));
  }
  auto extension = parse_duration(flags.args.back());
  if (!extension)
    return std::unexpected(extension.error());
  return ExtendRequest{{flags.args.begin(), flags.args.end() - 1}, *extension};
}

std::string ttl_and_deadline(const std::optional<Milliseconds>& ttl,
                             const std::optional<SystemTime>& deadline, SystemTime now) {
  if (!ttl)
    return std::string(ui::tr("none"));
  if (!deadline)
    return format_duration(*ttl);
  return ui::trf("{ttl}, ends {when}", fmt::arg("ttl", format_duration(*ttl)),
                 fmt::arg("when", ui::when_text(*deadline, now)));
}

void report(Context& context, const ops::ManagedInstance& instance,
            const ops::ExtendOutcome& outcome, Milliseconds extension, SystemTime now) {
  std::ostream& out = context.out();
  out << ui::trf("TTL extended for {instance} in {region}",
                 fmt::arg("instance", ops::display_name(instance)),
                 fmt::arg("region", instance.region))
      << '\n';
  out << "  "
      << ui::trf("Old TTL:   {value}",
                 fmt::arg("value", ttl_and_deadline(outcome.old_ttl, outcome.old_deadline, now)))
      << '\n';
  out << "  " << ui::trf("Extension: {value}", fmt::arg("value", format_duration(extension)))
      << '\n';
  out << "  "
      << ui::trf("New TTL:   {value}",
                 fmt::arg("value", ttl_and_deadline(outcome.new_ttl, outcome.new_deadline, now)))
      << '\n';
}

Result<void> extend_all(Context& context, aws::Session& session,
                        const std::vector<ops::ManagedInstance>& targets, Milliseconds extension) {
  auto outcome = act_on_each(context, targets, ops::check_extendable,
                             [&](const ops::ManagedInstance& instance) -> Result<void> {
                               SystemTime now = now_for(session);
                               auto extended =
                                   ops::extend_instance(session, instance, extension, now);
                               if (!extended)
                                 return std::unexpected(extended.error());
                               report(context, instance, *extended, extension, now);
                               return {};
                             });
  if (outcome.done > 0)
    context.out() << ui::tr("spored on the instance applies the new TTL within a minute.") << '\n';
  return finish_batch(context, outcome, targets.size(),
                      ui::trf("Updated: {done}/{total} instances", fmt::arg("done", outcome.done),
                              fmt::arg("total", targets.size())));
}

Result<void> run_extend(Context& context, const ExtendFlags& flags) {
  auto request = read_request(flags);
  if (!request)
    return std::unexpected(request.error());
  auto targets = session_and_targets(context, request->names, flags.job_array, Arity::one);
  if (!targets)
    return std::unexpected(targets.error());
  aws::Session& session = *targets->session;
  return extend_all(context, session, targets->instances, request->extension);
}

}  // namespace

Handler setup_extend(CLI::App& command) {
  auto flags = std::make_shared<ExtendFlags>();
  command
      .add_option("args", flags->args,
                  std::string(ui::tr("The instance ID or name, then the time to add (2h, "
                                     "30m, 1d)")))
      ->type_name(std::string(ui::tr("[ID-OR-NAME] DURATION")));
  add_job_array_flags(command, flags->job_array);
  return [flags](Context& context) { return run_extend(context, *flags); };
}

}  // namespace spawn::cli
