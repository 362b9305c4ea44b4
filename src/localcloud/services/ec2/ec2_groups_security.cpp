// Security groups: CreateSecurityGroup (in the default VPC unless told
// otherwise; names unique per VPC), DescribeSecurityGroups (by id, by name in
// the default VPC, by filter) and DeleteSecurityGroup (not the "default"
// group, not while a live instance or another group's rule uses it).
#include <algorithm>

#include "localcloud/api/responses.hpp"
#include "localcloud/ids.hpp"
#include "localcloud/services/ec2/ec2_describe.hpp"
#include "localcloud/services/ec2/ec2_documents.hpp"
#include "localcloud/services/ec2/ec2_groups.hpp"
#include "localcloud/services/ec2/ec2_json_xml.hpp"
#include "localcloud/services/ec2/ec2_network.hpp"
#include "localcloud/services/ec2/ec2_network_defaults.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::size_t kMaxGroupNameLength = 255;

// A FilterField reading `field` of every rule in the permission list `list`, looking into
// each rule's IpRanges or UserIdGroupPairs when `nested` names one.
FilterField rule_field(std::string list, std::string nested, std::string field) {
  return [list = std::move(list), nested = std::move(nested),
          field = std::move(field)](const Json& group) {
    std::vector<std::string> values;
    for (const Json& rule : group.value(list, Json::array())) {
      Json entries = nested.empty() ? Json::array({rule}) : rule.value(nested, Json::array());
      for (const Json& entry : entries) {
        if (entry.contains(field))
          values.push_back(entry[field].is_string() ? entry[field].get<std::string>()
                                                    : entry[field].dump());
      }
    }
    return values;
  };
}

const FilterTable kGroupFilters{
    {"group-id", member("/GroupId")},
    {"group-name", member("/GroupName")},
    {"description", member("/Description")},
    {"vpc-id", member("/VpcId")},
    {"owner-id", member("/OwnerId")},
    {"ip-permission.cidr", rule_field("IpPermissions", "IpRanges", "CidrIp")},
    {"ip-permission.group-id", rule_field("IpPermissions", "UserIdGroupPairs", "GroupId")},
    {"ip-permission.protocol", rule_field("IpPermissions", "", "IpProtocol")},
    {"ip-permission.from-port", rule_field("IpPermissions", "", "FromPort")},
    {"ip-permission.to-port", rule_field("IpPermissions", "", "ToPort")},
    {"egress.ip-permission.cidr", rule_field("IpPermissionsEgress", "IpRanges", "CidrIp")},
    {"egress.ip-permission.protocol", rule_field("IpPermissionsEgress", "", "IpProtocol")},
};

void render_group(pugi::xml_node parent, const Json& group) {
  add_members(parent, group,
              {"OwnerId", "GroupId", "GroupName", "Description", "IpPermissions",
               "IpPermissionsEgress", "VpcId", "Tags"},
              {{"/Description", "groupDescription"},
               {"/IpPermissions/UserIdGroupPairs", "groups"},
               {"/IpPermissionsEgress/UserIdGroupPairs", "groups"}});
}

Json allow_all_outbound() {
  return Json::array({{{"IpProtocol", "-1"},
                       {"IpRanges", Json::array({{{"CidrIp", "0.0.0.0/0"}}})},
                       {"UserIdGroupPairs", Json::array()}}});
}

std::optional<ApiError> invalid_group_name(const std::string& name) {
  if (name.size() > kMaxGroupNameLength) {
    return client_error("InvalidParameterValue", "Group names may be at most 255 characters long");
  }
  if (name.starts_with("sg-"))
    return client_error("InvalidParameterValue", "Group names may not be in the format sg-*");
  if (name == kDefaultGroupName) {
    return client_error("InvalidParameterValue",
                        "Cannot use reserved security group name: default");
  }
  return std::nullopt;
}

// The VPC a new group goes to: the one named, or the region's default VPC.
std::expected<std::string, ApiError> vpc_for_group(Transaction& transaction,
                                                   const Ec2Context& context,
                                                   const ApiRequest& request) {
  if (auto vpc_id = request.params.get("VpcId")) {
    if (!transaction.find(request.region, kVpcKind, *vpc_id))
      return std::unexpected(vpc_not_found(*vpc_id));
    return *vpc_id;
  }
  auto network = ensure_default_network(transaction, context, request.region);
  if (!network)
    return std::unexpected(network.error());
  return network->vpc_id;
}

ApiOutcome create_group_call(const Ec2Context& context, const ApiRequest& request) {
  auto name = required(request.params, "GroupName");
  auto description = required(request.params, "GroupDescription");
  if (!name || !description)
    return std::unexpected(!name ? name.error() : description.error());
  if (auto invalid = invalid_group_name(*name))
    return std::unexpected(*invalid);
  auto tags = tags_for(request.params, "security-group", {"security-group"});
  if (!tags)
    return std::unexpected(tags.error());
  auto group =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<Json, ApiError> {
        auto vpc_id = vpc_for_group(transaction, context, request);
        if (!vpc_id)
          return std::unexpected(vpc_id.error());
        if (find_security_group_by_name(transaction, request.region, *name, *vpc_id)) {
          return std::unexpected(client_error(
              "InvalidGroup.Duplicate",
              "The security group '" + *name + "' already exists for VPC '" + *vpc_id + "'"));
        }
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        Json created = new_security_group(owner_of(request), *name, *description, *vpc_id, *tags);
        transaction.put(request.region, kSecurityGroupKind, text_member(created, "GroupId"),
                        created);
        return created;
      });
  if (!group)
    return std::unexpected(group.error());
  Ec2Response response(request.operation, request.request_id);
  add_text(response.root(), "groupId", text_member(*group, "GroupId"));
  add_tag_set(response.root(), *group);
  return response.finish();
}

std::string default_vpc_id(const ResourceStore& store, std::string_view region) {
  auto marker = store.get(region, kDefaultNetworkKind, kDefaultNetworkMarkerId);
  return marker ? text_member(*marker, "VpcId") : "";
}

// The id of the group called `name`: in the default VPC if there is one there, else anywhere.
std::optional<std::string> group_id_by_name(const ResourceMap& groups, std::string_view name,
                                            std::string_view preferred_vpc) {
  std::optional<std::string> found;
  for (const auto& [id, group] : groups) {
    if (text_member(group, "GroupName") != name)
      continue;
    if (text_member(group, "VpcId") == preferred_vpc)
      return id;
    found = found ? found : id;
  }
  return found;
}

ApiOutcome describe_groups_call(const Ec2Context& context, const ApiRequest& request) {
  if (auto failed = make_default_network_visible(context, request.region))
    return std::unexpected(*failed);
  DescribeSpec spec{"GroupId", kGroupFilters,
                    [](const std::string& id) { return security_group_not_found(id); }};
  auto query = parse_describe(request.params, spec);
  if (!query)
    return std::unexpected(query.error());
  std::string preferred_vpc = default_vpc_id(context.deps.store, request.region);
  std::expected<DescribeSelection, ApiError> selection;
  context.deps.store.read(request.region, kSecurityGroupKind, [&](const ResourceMap& groups) {
    for (const std::string& name : request.params.list("GroupName")) {
      auto id = group_id_by_name(groups, name, preferred_vpc);
      if (!id) {
        selection = std::unexpected(security_group_not_found(name));
        return;
      }
      query->ids.push_back(*id);
    }
    selection = select_documents(groups, *query, spec);
  });
  if (!selection)
    return std::unexpected(selection.error());
  return describe_answer(request, "securityGroupInfo", *selection, render_group);
}

bool referenced_by_other_group(Transaction& transaction, std::string_view region,
                               std::string_view group_id) {
  for (const Json* group : documents_of(transaction, region, kSecurityGroupKind)) {
    if (text_member(*group, "GroupId") == group_id)
      continue;
    for (std::string_view list : {"IpPermissions", "IpPermissionsEgress"}) {
      for (const Json& rule : group->value(std::string(list), Json::array())) {
        for (const Json& pair : rule.value("UserIdGroupPairs", Json::array())) {
          if (text_member(pair, "GroupId") == group_id)
            return true;
        }
      }
    }
  }
  return false;
}

bool used_by_instance(Transaction& transaction, std::string_view region,
                      std::string_view group_id) {
  return used_by_live_instance(transaction, region, [&](const Json& instance) {
    const Json groups = instance.value("SecurityGroups", Json::array());
    return std::any_of(groups.begin(), groups.end(), [&](const Json& group) {
      return text_member(group, "GroupId") == group_id;
    });
  });
}

ApiOutcome delete_group_call(const Ec2Context& context, const ApiRequest& request) {
  auto deleted =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
        auto group = requested_security_group(transaction, request);
        if (!group)
          return std::unexpected(group.error());
        std::string group_id = text_member(**group, "GroupId");
        if (text_member(**group, "GroupName") == kDefaultGroupName) {
          return std::unexpected(client_error("CannotDelete", "the specified group: \"" + group_id +
                                                                  "\" name: \"default\" cannot be "
                                                                  "deleted by a user"));
        }
        if (used_by_instance(transaction, request.region, group_id) ||
            referenced_by_other_group(transaction, request.region, group_id)) {
          return std::unexpected(client_error("DependencyViolation",
                                              "resource " + group_id + " has a dependent object"));
        }
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        transaction.erase(request.region, kSecurityGroupKind, group_id);
        return {};
      });
  if (!deleted)
    return std::unexpected(deleted.error());
  return ec2_return_true(request);
}

}  // namespace

Json new_security_group(std::string owner_id, std::string name, std::string description,
                        std::string vpc_id, const Ec2Tags& tags) {
  return Json{{"GroupId", resource_id("sg")},
              {"GroupName", std::move(name)},
              {"Description", std::move(description)},
              {"VpcId", std::move(vpc_id)},
              {"OwnerId", std::move(owner_id)},
              {"IpPermissions", Json::array()},
              {"IpPermissionsEgress", allow_all_outbound()},
              {"Tags", tags_to_json(tags)}};
}

Json new_default_security_group(std::string owner_id, std::string vpc_id) {
  Json group = new_security_group(owner_id, std::string(kDefaultGroupName),
                                  "default VPC security group", std::move(vpc_id), {});
  group["IpPermissions"] = Json::array(
      {{{"IpProtocol", "-1"},
        {"IpRanges", Json::array()},
        {"UserIdGroupPairs",
         Json::array({{{"GroupId", group["GroupId"]}, {"UserId", std::move(owner_id)}}})}}});
  return group;
}

Json* find_security_group_by_name(Transaction& transaction, std::string_view region,
                                  std::string_view name, std::string_view vpc_id) {
  for (Json* group : documents_of(transaction, region, kSecurityGroupKind)) {
    if (text_member(*group, "GroupName") == name && text_member(*group, "VpcId") == vpc_id)
      return group;
  }
  return nullptr;
}

std::expected<Json*, ApiError> requested_security_group(Transaction& transaction,
                                                        const ApiRequest& request) {
  if (auto group_id = request.params.get("GroupId")) {
    return require_document(transaction, request.region, kSecurityGroupKind, *group_id,
                            [&] { return security_group_not_found(*group_id); });
  }
  auto name = request.params.get("GroupName");
  if (!name) {
    return std::unexpected(client_error(
        "MissingParameter", "The request must contain the parameter groupName or groupId"));
  }
  const Json* marker =
      transaction.find(request.region, kDefaultNetworkKind, kDefaultNetworkMarkerId);
  Json* group = find_security_group_by_name(transaction, request.region, *name,
                                            marker ? text_member(*marker, "VpcId") : "");
  if (group == nullptr)
    return std::unexpected(security_group_not_found(*name));
  return group;
}

ApiError security_group_not_found(std::string_view group) {
  return client_error("InvalidGroup.NotFound",
                      "The security group '" + std::string(group) + "' does not exist");
}

void add_security_group_operations(OperationTable& table, const Ec2Context& context) {
  table["CreateSecurityGroup"] = with_context(context, create_group_call);
  table["DescribeSecurityGroups"] = with_context(context, describe_groups_call);
  table["DeleteSecurityGroup"] = with_context(context, delete_group_call);
}

}  // namespace spawn::localcloud
