// `spawn list` (alias `ls`): the instances spawn launched, in every enabled
// region at once (or the --region given), filtered, newest first; a table for
// people or JSON/YAML for programs (spec §4). A region that cannot be asked is
// one warning line on stderr; only when no region answers does the command fail.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "spawn/commands/command_table.hpp"
#include "spawn/commands/instance_args.hpp"
#include "spawn/ops/group_sweep.hpp"
#include "spawn/ops/instance_filter.hpp"
#include "spawn/ops/instance_query.hpp"
#include "spawn/ui/catalog.hpp"
#include "spawn/ui/instance_list_view.hpp"

namespace spawn::cli {

namespace {

constexpr std::chrono::seconds kListSweepBudget{3};

constexpr std::array<std::string_view, 6> kStates = {"pending",    "running",  "shutting-down",
                                                     "terminated", "stopping", "stopped"};

struct ListFlags {
  ops::InstanceFilter filter;
  std::vector<std::string> tags;  // KEY=VALUE
  OutputFlags output;
};

Result<ops::InstanceFilter> complete_filter(const ListFlags& flags) {
  ops::InstanceFilter filter = flags.filter;
  for (const auto& text : flags.tags) {
    auto tag = ops::parse_tag_filter(text);
    if (!tag)
      return std::unexpected(tag.error());
    filter.tags.push_back(std::move(*tag));
  }
  return filter;
}

void announce_search(Context& context, const ops::ListScope& scope) {
  if (scope.regions.empty()) {
    context.err() << ui::tr("Searching all AWS regions...") << '\n';
  } else {
    context.err() << ui::trf("Searching region {region}...", fmt::arg("region", scope.regions[0]))
                  << '\n';
  }
}

// The scan, its failed regions reported; an error when no region answered.
Result<std::vector<ops::ManagedInstance>> scan(Context& context, aws::Session& session,
                                               const ops::ListScope& scope) {
  announce_search(context, scope);
  auto found = ops::list_managed(session, scope);
  if (!found)
    return std::unexpected(found.error());
  for (const auto& [region, error] : found->failed_regions)
    warn_region_failure(context, region, error);
  if (found->every_region_failed()) {
    Error error = found->failed_regions.front().second;
    error.message = ui::trf("no region could be asked for instances; the first said: {error}",
                            fmt::arg("error", error.message));
    return std::unexpected(error);
  }
  return std::move(found->instances);
}

void print_empty(Context& context, const ops::InstanceFilter& filter) {
  if (filter.empty()) {
    context.out() << ui::tr("No spawn instances found") << '\n';
  } else {
    context.out() << ui::tr("No instances found matching the specified criteria") << '\n';
  }
}

void print(Context& context, const std::vector<ops::ManagedInstance>& instances,
           const ops::InstanceFilter& filter, OutputFormat format, SystemTime now) {
  switch (format) {
    case OutputFormat::json: context.out() << ui::render_instances_json(instances, now); return;
    case OutputFormat::yaml: context.out() << ui::render_instances_yaml(instances, now); return;
    case OutputFormat::table: break;
  }
  if (instances.empty())
    return print_empty(context, filter);
  context.out() << ui::render_instance_table(instances, now,
                                             {context.colour_out(), context.symbols()});
}

Result<void> run_list(Context& context, const ListFlags& flags) {
  auto filter = complete_filter(flags);
  if (!filter)
    return std::unexpected(filter.error());
  auto session = context.session();
  if (!session)
    return std::unexpected(session.error());
  ops::ListScope scope = list_scope(context, **session);
  // Orphaned SSH groups of the session's region go meanwhile; bounded, waited for at return.
  auto sweep = ops::start_group_sweep((*session)->client(), kListSweepBudget);
  if (!filter->state.empty())
    scope.states = {filter->state};
  auto instances = scan(context, **session, scope);
  if (!instances)
    return std::unexpected(instances.error());
  print(context, ops::apply_filter(*filter, std::move(*instances)), *filter, flags.output.chosen(),
        now_for(**session));
  return {};
}

void add_filter_flags(CLI::App& command, ListFlags& flags) {
  ops::InstanceFilter& filter = flags.filter;
  command.add_option("--state", filter.state, std::string(ui::tr("Only instances in this state")))
      ->type_name(std::string(ui::tr("STATE")))
      ->check(
          CLI::IsMember(std::vector<std::string>(kStates.begin(), kStates.end())).description(""));
  command
      .add_option("--instance-type", filter.instance_type,
                  std::string(ui::tr("Only instances of this type (m7i.large)")))
      ->type_name(std::string(ui::tr("TYPE")));
  command
      .add_option("--family,--instance-family", filter.family,
                  std::string(ui::tr("Only instances of this family (m7i: every size)")))
      ->type_name(std::string(ui::tr("FAMILY")));
  command
      .add_option("--tag", flags.tags,
                  std::string(ui::tr("Only instances with this tag; repeat to require several")))
      ->type_name(std::string(ui::tr("KEY=VALUE")));
  command.add_option("--name", filter.name, std::string(ui::tr("Only instances with this name")))
      ->type_name(std::string(ui::tr("NAME")));
  command
      .add_option("--az", filter.availability_zone,
                  std::string(ui::tr("Only instances in this availability zone")))
      ->type_name(std::string(ui::tr("ZONE")));
  command
      .add_option("--job-array-id", filter.job_array_id,
                  std::string(ui::tr("Only the instances of this job array (by ID)")))
      ->type_name(std::string(ui::tr("ID")));
  command
      .add_option("--job-array-name", filter.job_array_name,
                  std::string(ui::tr("Only the instances of this job array (by name)")))
      ->type_name(std::string(ui::tr("NAME")));
}

}  // namespace

Handler setup_list(CLI::App& command) {
  auto flags = std::make_shared<ListFlags>();
  add_filter_flags(command, *flags);
  add_output_flags(command, flags->output);
  return [flags](Context& context) { return run_list(context, *flags); };
}

}  // namespace spawn::cli
