// Placement groups: CreatePlacementGroup (cluster, spread or partition; names
// unique per region), DescribePlacementGroups (by name, id or filter) and
// DeletePlacementGroup (refused while a live instance is placed in it).
#include <algorithm>
#include <array>
#include <charconv>

#include "localcloud/api/responses.hpp"
#include "localcloud/ids.hpp"
#include "localcloud/services/ec2/ec2_describe.hpp"
#include "localcloud/services/ec2/ec2_documents.hpp"
#include "localcloud/services/ec2/ec2_groups.hpp"
#include "localcloud/services/ec2/ec2_json_xml.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::array<std::string_view, 3> kStrategies{"cluster", "spread", "partition"};
constexpr int kDefaultPartitionCount = 2;
constexpr int kMaxPartitionCount = 7;

const FilterTable kPlacementGroupFilters{
    {"group-name", member("/GroupName")}, {"group-id", member("/GroupId")},
    {"group-arn", member("/GroupArn")},   {"state", member("/State")},
    {"strategy", member("/Strategy")},    {"spread-level", member("/SpreadLevel")},
};

void render_placement_group(pugi::xml_node parent, const Json& group) {
  add_members(parent, group,
              {"GroupName", "State", "Strategy", "PartitionCount", "GroupId", "Tags", "GroupArn",
               "SpreadLevel"},
              {});
}

ApiError placement_group_unknown(std::string_view name) {
  return client_error("InvalidPlacementGroup.Unknown",
                      "The Placement Group '" + std::string(name) + "' is unknown.");
}

std::expected<std::string, ApiError> strategy_of(const FormParams& params) {
  auto strategy = required(params, "Strategy");
  if (!strategy)
    return std::unexpected(strategy.error());
  if (std::find(kStrategies.begin(), kStrategies.end(), *strategy) == kStrategies.end()) {
    return std::unexpected(client_error("InvalidParameterValue",
                                        "Value (" + *strategy +
                                            ") for parameter strategy is invalid. Valid values "
                                            "are: cluster, spread, partition"));
  }
  return *strategy;
}

std::expected<int, ApiError> partition_count_of(const FormParams& params) {
  std::string text = params.get_or("PartitionCount", std::to_string(kDefaultPartitionCount));
  int count = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (ec != std::errc{} || end != text.data() + text.size() || count < 1 ||
      count > kMaxPartitionCount) {
    return std::unexpected(client_error(
        "InvalidParameterValue", "Value (" + text + ") for parameter partitionCount is invalid."));
  }
  return count;
}

std::expected<Json, ApiError> placement_group_from(const ApiRequest& request) {
  auto name = required(request.params, "GroupName");
  if (!name)
    return std::unexpected(name.error());
  auto strategy = strategy_of(request.params);
  if (!strategy)
    return std::unexpected(strategy.error());
  auto tags = tags_for(request.params, "placement-group", {"placement-group"});
  if (!tags)
    return std::unexpected(tags.error());
  std::string group_id = resource_id("pg");
  Json group{{"GroupName", *name},
             {"GroupId", group_id},
             {"GroupArn", "arn:aws:ec2:" + request.region + ":" + owner_of(request) +
                              ":placement-group/" + *name},
             {"State", "available"},
             {"Strategy", *strategy},
             {"Tags", tags_to_json(*tags)}};
  if (*strategy == "partition") {
    auto count = partition_count_of(request.params);
    if (!count)
      return std::unexpected(count.error());
    group["PartitionCount"] = *count;
  }
  if (*strategy == "spread")
    group["SpreadLevel"] = request.params.get_or("SpreadLevel", "rack");
  return group;
}

ApiOutcome create_placement_group_call(const Ec2Context& context, const ApiRequest& request) {
  auto group = placement_group_from(request);
  if (!group)
    return std::unexpected(group.error());
  std::string name = text_member(*group, "GroupName");
  auto created = context.deps.store.write([&](Transaction& transaction)
                                              -> std::expected<void, ApiError> {
    if (find_placement_group(transaction, request.region, name)) {
      return std::unexpected(client_error("InvalidPlacementGroup.Duplicate",
                                          "The Placement Group '" + name + "' already exists."));
    }
    if (auto dry_run = dry_run_answer(request.params))
      return std::unexpected(*dry_run);
    transaction.put(request.region, kPlacementGroupKind, text_member(*group, "GroupId"), *group);
    return {};
  });
  if (!created)
    return std::unexpected(created.error());
  Ec2Response response(request.operation, request.request_id);
  render_placement_group(add_node(response.root(), "placementGroup"), *group);
  return response.finish();
}

ApiOutcome describe_placement_groups_call(const Ec2Context& context, const ApiRequest& request) {
  DescribeSpec spec{"GroupId", kPlacementGroupFilters,
                    [](const std::string& id) { return placement_group_unknown(id); }, 0, 0};
  auto query = parse_describe(request.params, spec);
  if (!query)
    return std::unexpected(query.error());
  std::expected<DescribeSelection, ApiError> selection;
  context.deps.store.read(request.region, kPlacementGroupKind, [&](const ResourceMap& groups) {
    for (const std::string& name : request.params.list("GroupName")) {
      auto named = std::find_if(groups.begin(), groups.end(), [&](const auto& entry) {
        return text_member(entry.second, "GroupName") == name;
      });
      if (named == groups.end()) {
        selection = std::unexpected(placement_group_unknown(name));
        return;
      }
      query->ids.push_back(named->first);
    }
    selection = select_documents(groups, *query, spec);
  });
  if (!selection)
    return std::unexpected(selection.error());
  return describe_answer(request, "placementGroupSet", *selection, render_placement_group);
}

ApiOutcome delete_placement_group_call(const Ec2Context& context, const ApiRequest& request) {
  auto name = required(request.params, "GroupName");
  if (!name)
    return std::unexpected(name.error());
  auto deleted =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
        Json* group = find_placement_group(transaction, request.region, *name);
        if (group == nullptr)
          return std::unexpected(placement_group_unknown(*name));
        auto placed_in_group = [&](const Json& instance) {
          return instance.contains("Placement") &&
                 text_member(instance["Placement"], "GroupName") == *name;
        };
        if (used_by_live_instance(transaction, request.region, placed_in_group)) {
          return std::unexpected(client_error(
              "InvalidPlacementGroup.InUse",
              "The placement group '" + *name + "' is in use and may not be deleted."));
        }
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        transaction.erase(request.region, kPlacementGroupKind, text_member(*group, "GroupId"));
        return {};
      });
  if (!deleted)
    return std::unexpected(deleted.error());
  return ec2_return_true(request);
}

}  // namespace

Json* find_placement_group(Transaction& transaction, std::string_view region,
                           std::string_view name) {
  for (Json* group : documents_of(transaction, region, kPlacementGroupKind)) {
    if (text_member(*group, "GroupName") == name)
      return group;
  }
  return nullptr;
}

void add_placement_group_operations(OperationTable& table, const Ec2Context& context) {
  table["CreatePlacementGroup"] = with_context(context, create_placement_group_call);
  table["DescribePlacementGroups"] = with_context(context, describe_placement_groups_call);
  table["DeletePlacementGroup"] = with_context(context, delete_placement_group_call);
}

}  // namespace spawn::localcloud
