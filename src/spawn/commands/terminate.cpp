// `spawn terminate <id-or-name>...` (or a job array): the end of an instance and
// its root volume, on purpose (spec §1.1 [REC]). It cannot be undone, so spawn
// asks first on a terminal, and refuses to guess anywhere else: without a
// terminal to ask on, --yes must say so. Every name is resolved before anything
// is terminated, so a typo in the third name leaves the first two alone.
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "spawn/commands/command_table.hpp"
#include "spawn/commands/instance_args.hpp"
#include "spawn/ops/instance_terminate.hpp"
#include "spawn/ops/instance_wait.hpp"
#include "spawn/ui/catalog.hpp"
#include "util/strings.hpp"

namespace spawn::cli {

namespace {

struct TerminateFlags {
  std::vector<std::string> names;
  JobArrayFlags job_array;
  bool yes = false;
  bool wait = false;
};

bool said_yes(std::istream& in) {
  std::string answer;
  if (!std::getline(in, answer))
    return false;
  std::string word = to_lower(trim(answer));
  return word == "y" || word == "yes";
}

// One question for a whole job array.
std::vector<ops::ManagedInstance> confirm_array(Context& context, std::istream& in,
                                                const JobArrayFlags& job_array,
                                                std::vector<ops::ManagedInstance> targets) {
  const std::string array = job_array.id.empty() ? job_array.name : job_array.id;
  const std::size_t count = targets.size();
  context.err() << ui::trf("Terminate the {count} instances of job array {array}? [y/N] ",
                           fmt::arg("count", count), fmt::arg("array", array))
                << std::flush;
  if (said_yes(in))
    return targets;
  return {};
}

// One question per instance named.
std::vector<ops::ManagedInstance> confirm_each(Context& context, std::istream& in,
                                               std::vector<ops::ManagedInstance> targets) {
  std::vector<ops::ManagedInstance> agreed;
  for (auto& instance : targets) {
    const std::string name = ops::display_name(instance);
    context.err() << ui::trf("Terminate {instance}? [y/N] ", fmt::arg("instance", name))
                  << std::flush;
    if (said_yes(in)) {
      agreed.push_back(std::move(instance));
    } else {
      context.err() << ui::trf("Kept {instance}.", fmt::arg("instance", name)) << '\n';
    }
  }
  return agreed;
}

// The targets the user confirmed. ErrorKind::usage when there is no terminal to ask on.
Result<std::vector<ops::ManagedInstance>> confirmed(Context& context, const TerminateFlags& flags,
                                                    std::vector<ops::ManagedInstance> targets) {
  if (flags.yes)
    return targets;
  std::istream* in = context.user_input();
  if (in == nullptr)
    return fail(ErrorKind::usage,
                std::string(ui::tr("terminate asks before it terminates, and there is no "
                                   "terminal to ask on")),
                std::string(ui::tr("Add --yes to terminate without being asked.")));
  if (flags.job_array.given())
    return confirm_array(context, *in, flags.job_array, std::move(targets));
  return confirm_each(context, *in, std::move(targets));
}

// One line per instance; the first region's error when a region refused.
Result<void> report(Context& context, const std::vector<ops::RegionTermination>& regions) {
  std::optional<Error> failure;
  for (const auto& region : regions) {
    if (!region.changes) {
      warn(context,
           ui::trf("Nothing was terminated in {region}: {error}", fmt::arg("region", region.region),
                   fmt::arg("error", region.changes.error().message)));
      failure = failure.value_or(region.changes.error());
      continue;
    }
    for (const auto& change : *region.changes) {
      context.out() << ui::trf("Terminating {instance} in {region}: {from} → {to}",
                               fmt::arg("instance", change.instance_id),
                               fmt::arg("region", region.region),
                               fmt::arg("from", change.previous.name),
                               fmt::arg("to", change.current.name))
                    << '\n';
    }
  }
  if (failure)
    return std::unexpected(*failure);
  return {};
}

Result<void> wait_until_terminated(Context& context, aws::Session& session,
                                   const std::vector<ops::ManagedInstance>& instances) {
  for (const auto& instance : instances) {
    aws::AwsClient client = session.client_for(instance.region);
    auto gone = ops::wait_for_state(client, instance.id(), ops::instance_state::terminated);
    if (!gone)
      return std::unexpected(gone.error());
    context.out() << ui::trf("{instance} is terminated.", fmt::arg("instance", instance.id()))
                  << '\n';
  }
  return {};
}

Result<void> run_terminate(Context& context, const TerminateFlags& flags) {
  auto targets = session_and_targets(context, flags.names, flags.job_array, Arity::many);
  if (!targets)
    return std::unexpected(targets.error());
  aws::Session& session = *targets->session;
  auto agreed = confirmed(context, flags, std::move(targets->instances));
  if (!agreed)
    return std::unexpected(agreed.error());
  if (agreed->empty()) {
    context.out() << ui::tr("Nothing was terminated.") << '\n';
    return {};
  }
  auto terminated = ops::terminate_managed(session, *agreed);
  if (!terminated)
    return std::unexpected(terminated.error());
  if (auto reported = report(context, *terminated); !reported || !flags.wait)
    return reported;
  return wait_until_terminated(context, session, *agreed);
}

}  // namespace

Handler setup_terminate(CLI::App& command) {
  auto flags = std::make_shared<TerminateFlags>();
  command.add_option("instances", flags->names, std::string(ui::tr("Instance IDs or names")))
      ->type_name(std::string(ui::tr("ID-OR-NAME...")));
  add_job_array_flags(command, flags->job_array);
  command.add_flag("-y,--yes", flags->yes,
                   std::string(ui::tr("Terminate without asking (needed without a terminal)")));
  command.add_flag("--wait", flags->wait,
                   std::string(ui::tr("Wait until EC2 reports the instances terminated")));
  return [flags](Context& context) { return run_terminate(context, *flags); };
}

}  // namespace spawn::cli
