// `spawn cleanup`: what spawn left behind (a crashed launch's security group, a role no
// instance uses, with --all the shared VPC and the agent store) found in every region,
// shown as a plan, and deleted once the user agrees. Nothing is deleted without --yes
// unless a user at a terminal says so; --dry-run only shows the plan.
#include "spawn/ops/cleanup.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>

#include "aws/sts.hpp"
#include "platform/paths.hpp"
#include "spawn/commands/command_table.hpp"
#include "spawn/commands/instance_args.hpp"
#include "spawn/ops/account.hpp"
#include "spawn/ops/region_scan.hpp"
#include "spawn/ui/catalog.hpp"
#include "spawn/ui/cleanup_view.hpp"
#include "util/strings.hpp"

namespace spawn::cli {

namespace {

struct CleanupFlags {
  bool all = false;
  bool include_recent = false;
  bool yes = false;
  bool dry_run = false;
  std::string output = "text";
};

// The account the credentials belong to (it names the agent store): cached when spawn has
// a data folder to keep it in.
Result<std::string> account_id(aws::Session& session,
                               const Result<std::filesystem::path>& data_dir) {
  if (data_dir) {
    if (auto cached = ops::cached_identity(session, *data_dir))
      return cached->account;
  }
  auto identity = data_dir ? ops::fetch_identity(session, *data_dir)
                           : aws::StsClient(session.client()).get_caller_identity();
  if (!identity)
    return std::unexpected(identity.error());
  return identity->account;
}

// Where to look, and whether IAM (global) can be judged: only when every region is.
Result<ops::DiscoverOptions> discover_options(Context& context, aws::Session& session,
                                              const CleanupFlags& flags) {
  ops::DiscoverOptions options;
  options.scope = flags.all ? ops::CleanupScope::all : ops::CleanupScope::orphans;
  auto data_dir = platform::data_dir(context.env());
  if (!context.options().region.empty()) {
    options.regions = {context.options().region};
    options.iam = ops::IamScan::no;
  } else {
    auto cache = data_dir ? ops::region_cache_for(session, *data_dir) : ops::RegionCache{};
    auto regions = ops::enabled_regions(session, cache);
    if (!regions)
      return std::unexpected(regions.error());
    options.regions = std::move(*regions);
  }
  if (flags.all) {
    auto account = account_id(session, data_dir);
    if (!account)
      return std::unexpected(account.error());
    options.account_id = std::move(*account);
  }
  return options;
}

void announce(Context& context, const ops::DiscoverOptions& options) {
  if (options.regions.size() == 1) {
    context.err() << ui::trf("Looking for what spawn left behind in {region}...",
                             fmt::arg("region", options.regions.front()))
                  << '\n';
  } else {
    context.err() << ui::trf("Looking for what spawn left behind in {count} regions...",
                             fmt::arg("count", options.regions.size()))
                  << '\n';
  }
  if (options.iam == ops::IamScan::no)
    warn(context, ui::tr("IAM roles are global: run without --region to clean them up too"));
}

// Whether the user agrees to the deletions. With no terminal to ask on, an error saying
// to add --yes.
Result<bool> confirmed(Context& context) {
  std::istream* answers = context.user_input();
  if (answers == nullptr) {
    return fail(ErrorKind::conflict,
                std::string(ui::tr("nothing was deleted: cleanup asks before it deletes, and "
                                   "there is no terminal to ask on")),
                std::string(ui::tr("Run again with --yes to delete what the plan shows, or with "
                                   "--dry-run to only see it.")));
  }
  context.err() << ui::tr("Delete them now? [y/N] ") << std::flush;
  std::string answer;
  std::getline(*answers, answer);
  answer = to_lower(trim(answer));
  return answer == "y" || answer == "yes";
}

// The problems on stderr; an error when a deletion failed.
Result<void> finish(Context& context, const ops::CleanupReport& report) {
  for (const auto& line : ui::outcome_problems(report))
    warn(context, line);
  auto failed =
      std::count_if(report.outcomes.begin(), report.outcomes.end(),
                    [](const auto& outcome) { return outcome.outcome == ops::Outcome::failed; });
  if (failed == 0)
    return {};
  return fail(ErrorKind::aws, ui::trf("{count} deletions failed", fmt::arg("count", failed)),
              std::string(ui::tr("Fix what the lines above say (often a missing permission) and "
                                 "run `spawn cleanup` again; what is gone stays gone.")));
}

struct Findings {
  ops::Inventory inventory;
  ops::CleanupPlan plan;
};

// Whether to go ahead: not for an empty plan or --dry-run, at once with --yes, else when
// the user agrees.
Result<bool> should_delete(Context& context, const CleanupFlags& flags,
                           const ops::CleanupPlan& plan) {
  if (plan.deletions.empty() || flags.dry_run)
    return false;
  if (flags.yes)
    return true;
  auto agreed = confirmed(context);
  if (agreed && !*agreed)
    context.err() << ui::tr("Nothing was deleted.") << '\n';
  return agreed;
}

void show_plan_text(Context& context, const ops::CleanupPlan& plan) {
  context.out() << ui::render_cleanup_plan(plan);
  if (plan.deletions.empty())
    context.out() << ui::tr("Nothing to clean up.") << '\n';
}

// JSON gets one document at the end, with the outcome when there is one.
void show_result(Context& context, const CleanupFlags& flags, const Findings& found,
                 const ops::CleanupReport* report) {
  if (flags.output == "json") {
    context.out() << ui::cleanup_document(found.inventory, found.plan, report).dump(2) << '\n';
  } else if (report != nullptr) {
    context.out() << ui::deleted_summary(*report) << '\n';
  }
}

Result<Findings> find(Context& context, aws::Session& session, const CleanupFlags& flags) {
  auto options = discover_options(context, session, flags);
  if (!options)
    return std::unexpected(options.error());
  announce(context, *options);
  Findings found{ops::discover_cleanup(session, *options), {}};
  for (const auto& failure : found.inventory.failed_regions)
    warn_region_failure(context, failure.region, failure.error);
  found.plan = ops::plan_cleanup(
      found.inventory, {options->scope, now_for(session),
                        flags.include_recent ? ops::RecentIam::remove : ops::RecentIam::keep});
  return found;
}

Result<void> run_cleanup(Context& context, const CleanupFlags& flags) {
  auto session = context.session();
  if (!session)
    return std::unexpected(session.error());
  auto found = find(context, **session, flags);
  if (!found)
    return std::unexpected(found.error());
  if (flags.output != "json")
    show_plan_text(context, found->plan);
  auto go = should_delete(context, flags, found->plan);
  if (!go || !*go) {
    show_result(context, flags, *found, nullptr);
    return go ? Result<void>{} : std::unexpected(go.error());
  }
  ops::CleanupReport report = ops::execute_cleanup(**session, found->plan);
  show_result(context, flags, *found, &report);
  return finish(context, report);
}

}  // namespace

Handler setup_cleanup(CLI::App& command) {
  auto flags = std::make_shared<CleanupFlags>();
  command.add_flag("--all", flags->all,
                   std::string(ui::tr("Also delete the shared spawn VPC and the agent store when "
                                      "nothing uses them")));
  command.add_flag("--include-recent", flags->include_recent,
                   std::string(ui::tr("Also delete unused roles made in the last 10 minutes "
                                      "(when no launch is running)")));
  command.add_flag("-y,--yes", flags->yes,
                   std::string(ui::tr("Delete without asking (needed without a terminal)")));
  command.add_flag("--dry-run", flags->dry_run,
                   std::string(ui::tr("Only show what would be deleted")));
  command
      .add_option("-o,--output", flags->output, std::string(ui::tr("Output format: text or json")))
      ->type_name(std::string(ui::tr("FORMAT")))
      ->check(CLI::IsMember({"text", "json"}).description(""));
  return [flags](Context& context) { return run_cleanup(context, *flags); };
}

}  // namespace spawn::cli
