#include "spawn/ui/cleanup_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "spawn/ui/catalog.hpp"

namespace spawn::ui {

namespace {

using ops::CleanupAction;
using ops::Outcome;
using ops::Reason;
using ops::ResourceKind;

struct KindWords {
  std::string_view one;
  std::string_view many;  // "{count} ..." with the count filled in
};

KindWords kind_words(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::security_group: return {N_("security group"), N_("{count} security groups")};
    case ResourceKind::key_pair: return {N_("key pair"), N_("{count} key pairs")};
    case ResourceKind::subnet: return {N_("subnet"), N_("{count} subnets")};
    case ResourceKind::route_table: return {N_("route table"), N_("{count} route tables")};
    case ResourceKind::internet_gateway:
      return {N_("internet gateway"), N_("{count} internet gateways")};
    case ResourceKind::vpc: return {N_("VPC"), N_("{count} VPCs")};
    case ResourceKind::bucket: return {N_("S3 bucket"), N_("{count} S3 buckets")};
    case ResourceKind::instance_profile:
      return {N_("instance profile"), N_("{count} instance profiles")};
    case ResourceKind::role: return {N_("IAM role"), N_("{count} IAM roles")};
  }
  return {};
}

// "1 security group", "3 security groups".
std::string kind_count(ResourceKind kind, int count) {
  KindWords words = kind_words(kind);
  if (count == 1)
    return trf("1 {kind}", fmt::arg("kind", tr(words.one)));
  return trf(words.many, fmt::arg("count", count));
}

bool is_global(const CleanupAction& action) {
  return action.region == ops::kGlobalRegion;
}

std::string region_heading(const std::string& region) {
  if (region == ops::kGlobalRegion)
    return std::string(tr("IAM (global)"));
  return region;
}

// "security group sg-1 (spawn-ssh-…)".
std::string resource_text(const CleanupAction& action) {
  std::string text = kind_text(action.kind) + " " + action.id;
  if (!action.label.empty())
    text += " (" + action.label + ")";
  return text;
}

std::string unused_text(const CleanupAction& action) {
  if (is_global(action))
    return std::string(tr("no instance in any region uses it"));
  return std::string(tr("no instance uses it"));
}

void add_line(std::string& text, std::string_view verb, const CleanupAction& action) {
  text += fmt::format("  {} {}: {}\n", verb, resource_text(action), reason_text(action));
}

std::string outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::deleted: return "deleted";
    case Outcome::in_use: return "in-use";
    case Outcome::skipped: return "skipped";
    case Outcome::failed: return "failed";
  }
  return {};
}

nlohmann::ordered_json action_document(const CleanupAction& action, std::string_view verb) {
  return {{"action", verb},
          {"region", action.region},
          {"kind", ops::kind_name(action.kind)},
          {"id", action.id},
          {"name", action.label},
          {"reason", ops::reason_name(action.reason)},
          {"detail", action.detail}};
}

nlohmann::ordered_json report_document(const ops::CleanupReport& report) {
  nlohmann::ordered_json counts = nlohmann::ordered_json::object();
  for (const auto& [kind, count] : ops::deleted_counts(report))
    counts[std::string(ops::kind_name(kind))] = count;
  nlohmann::ordered_json outcomes = nlohmann::ordered_json::array();
  for (const auto& outcome : report.outcomes) {
    outcomes.push_back({{"region", outcome.action.region},
                        {"kind", ops::kind_name(outcome.action.kind)},
                        {"id", outcome.action.id},
                        {"outcome", outcome_name(outcome.outcome)},
                        {"error", outcome.error ? outcome.error->message : ""}});
  }
  return {{"deleted", counts},
          {"regions", ops::regions_with_deletions(report)},
          {"outcomes", outcomes}};
}

}  // namespace

std::string kind_text(ResourceKind kind) {
  return std::string(tr(kind_words(kind).one));
}

std::string reason_text(const CleanupAction& action) {
  auto detail = fmt::arg("detail", action.detail);
  switch (action.reason) {
    case Reason::unused: return unused_text(action);
    case Reason::part_of_vpc: return trf("part of the spawn VPC {detail}", detail);
    case Reason::empty_vpc: return std::string(tr("the spawn VPC, with no instance in it"));
    case Reason::agent_bucket: return std::string(tr("spawn's agent store for this region"));
    case Reason::in_use: return trf("used by {detail}", detail);
    case Reason::default_group:
      return std::string(tr("the VPC's default security group, never deleted"));
    case Reason::keep_tag: return std::string(tr("an imported key (spawn:keep), never deleted"));
    case Reason::needs_all:
      return std::string(tr("shared by every launch in the region; add --all to delete it"));
    case Reason::foreign_part: return trf("holds {detail}, which spawn did not create", detail);
    case Reason::recently_created:
      return std::string(tr("created in the last 10 minutes; a launch may be about to use it"));
    case Reason::region_not_scanned:
      return trf("region {detail} could not be checked, and an instance there may use it", detail);
    case Reason::foreign_profile:
      return trf("held by instance profile {detail}, which spawn did not create", detail);
    case Reason::profile_stays: return trf("its instance profile {detail} stays", detail);
    case Reason::not_tagged: return std::string(tr("not tagged as spawn's agent store"));
  }
  return {};
}

std::string render_cleanup_plan(const ops::CleanupPlan& plan) {
  std::map<std::string,
           std::pair<std::vector<const CleanupAction*>, std::vector<const CleanupAction*>>>
      by_region;
  std::vector<std::string> order;
  auto note = [&](const CleanupAction& action, bool deletion) {
    if (!by_region.contains(action.region))
      order.push_back(action.region);
    auto& lists = by_region[action.region];
    (deletion ? lists.first : lists.second).push_back(&action);
  };
  for (const auto& action : plan.deletions)
    note(action, true);
  for (const auto& action : plan.kept)
    note(action, false);
  std::stable_partition(order.begin(), order.end(),
                        [](const std::string& region) { return region != ops::kGlobalRegion; });
  std::string text;
  for (const auto& region : order) {
    text += region_heading(region) + "\n";
    for (const CleanupAction* action : by_region[region].first)
      add_line(text, tr("delete"), *action);
    for (const CleanupAction* action : by_region[region].second)
      add_line(text, tr("keep"), *action);
  }
  if (!text.empty()) {
    text += trf("{deletions} to delete, {kept} to keep.",
                fmt::arg("deletions", plan.deletions.size()), fmt::arg("kept", plan.kept.size())) +
            "\n";
  }
  return text;
}

std::string deleted_summary(const ops::CleanupReport& report) {
  std::string list;
  for (const auto& [kind, count] : ops::deleted_counts(report))
    list += (list.empty() ? "" : ", ") + kind_count(kind, count);
  if (list.empty())
    return std::string(tr("Nothing was deleted."));
  int regions = ops::regions_with_deletions(report);
  auto what = fmt::arg("what", list);
  if (regions == 0)
    return trf("Deleted {what}.", what);
  if (regions == 1)
    return trf("Deleted {what} in 1 region.", what);
  return trf("Deleted {what} in {regions} regions.", what, fmt::arg("regions", regions));
}

std::vector<std::string> outcome_problems(const ops::CleanupReport& report) {
  std::vector<std::string> lines;
  for (const auto& outcome : report.outcomes) {
    auto resource = fmt::arg("resource", resource_text(outcome.action));
    auto region = fmt::arg("region", region_heading(outcome.action.region));
    switch (outcome.outcome) {
      case Outcome::deleted: break;
      case Outcome::in_use:
        lines.push_back(
            trf("{resource} in {region} is still in use (an instance that is shutting "
                "down may hold it); run `spawn cleanup` again in a few minutes",
                resource, region));
        break;
      case Outcome::skipped:
        lines.push_back(
            trf("{resource} in {region} was not tried: a step before it did not "
                "succeed",
                resource, region));
        break;
      case Outcome::failed:
        lines.push_back(trf("could not delete {resource} in {region}: {error}", resource, region,
                            fmt::arg("error", outcome.error ? outcome.error->message : "")));
        break;
    }
  }
  return lines;
}

nlohmann::ordered_json cleanup_document(const ops::Inventory& inventory,
                                        const ops::CleanupPlan& plan,
                                        const ops::CleanupReport* report) {
  nlohmann::ordered_json failed = nlohmann::ordered_json::array();
  for (const auto& failure : inventory.failed_regions)
    failed.push_back({{"region", failure.region}, {"error", failure.error.message}});
  nlohmann::ordered_json actions = nlohmann::ordered_json::array();
  for (const auto& action : plan.deletions)
    actions.push_back(action_document(action, "delete"));
  for (const auto& action : plan.kept)
    actions.push_back(action_document(action, "keep"));
  nlohmann::ordered_json document = {
      {"regions_checked", inventory.regions.size()}, {"failed_regions", failed}, {"plan", actions}};
  document["result"] = report ? report_document(*report) : nlohmann::ordered_json();
  return document;
}

}  // namespace spawn::ui
