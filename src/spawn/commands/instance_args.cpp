#include "spawn/commands/instance_args.hpp"

#include "platform/paths.hpp"
#include "spawn/ui/catalog.hpp"
#include "spawn/ui/symbols.hpp"

namespace spawn::cli {

namespace {

Error wrong_count(Arity arity, std::size_t given) {
  if (arity == Arity::one && given > 1)
    return {ErrorKind::usage, std::string(ui::tr("this command takes one instance ID or name")),
            std::nullopt};
  return {ErrorKind::usage, std::string(ui::tr("name the instance: give its ID or name")),
          std::nullopt,
          std::string(ui::tr("`spawn list` shows your instances; or select a job array with "
                             "--job-array-id or --job-array-name."))};
}

Result<std::vector<ops::ManagedInstance>> resolve_named(Context& context, aws::Session& session,
                                                        const std::vector<std::string>& names) {
  auto scope = list_scope(context, session);
  std::vector<ops::ManagedInstance> found;
  for (const auto& name : names) {
    context.err() << ui::trf("Looking up instance {name}...", fmt::arg("name", name)) << '\n';
    auto instance = ops::resolve_instance(session, name, scope,
                                          [&](const std::string& region, const Error& error) {
                                            warn_region_failure(context, region, error);
                                          });
    if (!instance)
      return std::unexpected(instance.error());
    found.push_back(std::move(*instance));
  }
  return found;
}

}  // namespace

OutputFormat OutputFlags::chosen() const {
  if (json || format == "json")
    return OutputFormat::json;
  return format == "yaml" ? OutputFormat::yaml : OutputFormat::table;
}

void add_output_flags(CLI::App& command, OutputFlags& flags) {
  command
      .add_option("-o,--output,--format", flags.format,
                  std::string(ui::tr("Output format: table, json or yaml")))
      ->type_name(std::string(ui::tr("FORMAT")))
      ->check(CLI::IsMember({"table", "json", "yaml"}).description(""));
  command.add_flag("--json", flags.json, std::string(ui::tr("Same as --output json")));
}

void add_job_array_flags(CLI::App& command, JobArrayFlags& flags) {
  auto* id = command
                 .add_option("--job-array-id", flags.id,
                             std::string(ui::tr("Every instance of the job array with this ID")))
                 ->type_name(std::string(ui::tr("ID")));
  command
      .add_option("--job-array-name", flags.name,
                  std::string(ui::tr("Every instance of the job array with this name")))
      ->type_name(std::string(ui::tr("NAME")))
      ->excludes(id);
}

Result<std::vector<ops::ManagedInstance>> resolve_targets(Context& context, aws::Session& session,
                                                          const std::vector<std::string>& names,
                                                          const JobArrayFlags& job_array,
                                                          Arity arity) {
  if (job_array.given()) {
    if (!names.empty())
      return fail(ErrorKind::usage,
                  std::string(ui::tr("give either instance IDs or names, or a job array, not "
                                     "both")));
    context.err() << ui::tr("Looking up the job array...") << '\n';
    return ops::find_job_array(session, job_array.selector(), list_scope(context, session),
                               [&](const std::string& region, const Error& error) {
                                 warn_region_failure(context, region, error);
                               });
  }
  if (names.empty() || (arity == Arity::one && names.size() > 1))
    return std::unexpected(wrong_count(arity, names.size()));
  return resolve_named(context, session, names);
}

Result<Targets> session_and_targets(Context& context, const std::vector<std::string>& names,
                                    const JobArrayFlags& job_array, Arity arity) {
  auto session = context.session();
  if (!session)
    return std::unexpected(session.error());
  auto instances = resolve_targets(context, **session, names, job_array, arity);
  if (!instances)
    return std::unexpected(instances.error());
  return Targets{*session, std::move(*instances)};
}

BatchOutcome act_on_each(Context& context, const std::vector<ops::ManagedInstance>& targets,
                         const TargetStep& check, const TargetStep& act) {
  const bool single = targets.size() == 1;
  BatchOutcome outcome;
  for (const auto& instance : targets) {
    if (auto ready = check(instance); !ready) {
      if (single)
        return {0, ready.error()};
      context.err() << ui::trf("Skipping {instance}: {reason}", fmt::arg("instance", instance.id()),
                               fmt::arg("reason", ready.error().message))
                    << '\n';
      continue;
    }
    auto acted = act(instance);
    if (acted) {
      ++outcome.done;
    } else if (single) {
      outcome.failure = acted.error();
    } else {
      warn(context, ui::trf("{instance}: {error}", fmt::arg("instance", instance.id()),
                            fmt::arg("error", acted.error().message)));
      if (!outcome.failure)
        outcome.failure = acted.error();
    }
  }
  return outcome;
}

Result<void> finish_batch(Context& context, const BatchOutcome& outcome, std::size_t targets,
                          std::string_view summary) {
  if (targets > 1)
    context.out() << summary << '\n';
  if (outcome.failure)
    return std::unexpected(*outcome.failure);
  return {};
}

ops::ListScope list_scope(Context& context, aws::Session& session) {
  ops::ListScope scope;
  if (!context.options().region.empty())
    scope.regions = {context.options().region};
  if (auto data = platform::data_dir(context.env()))
    scope.cache = ops::region_cache_for(session, *data);
  return scope;
}

void warn_region_failure(Context& context, const std::string& region, const Error& error) {
  warn(context, ui::trf("Could not ask region {region}: {error}", fmt::arg("region", region),
                        fmt::arg("error", error.message)));
}

void warn(Context& context, std::string_view message) {
  context.err() << ui::format_status(ui::Symbol::warning, context.symbols(), message) << '\n';
}

SystemTime now_for(aws::Session& session) {
  return session.client().clock().now();
}

}  // namespace spawn::cli
