// Security group rules: Authorize/RevokeSecurityGroupIngress and Egress.
// Stored rules are grouped as EC2 shows them: one permission per (protocol,
// from, to) with its ranges and groups; a range or group is one rule, which
// must not already exist when authorized and must exist when revoked.
#include <algorithm>
#include <cctype>

#include "localcloud/api/responses.hpp"
#include "localcloud/ids.hpp"
#include "localcloud/services/ec2/ec2_documents.hpp"
#include "localcloud/services/ec2/ec2_groups.hpp"
#include "localcloud/services/ec2/ec2_json_xml.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"

namespace spawn::localcloud {
namespace {

enum class Direction { ingress, egress };

std::string_view list_of(Direction direction) {
  return direction == Direction::ingress ? "IpPermissions" : "IpPermissionsEgress";
}

bool same_ports(const Json& a, const Json& b) {
  return a["IpProtocol"] == b["IpProtocol"] &&
         a.value("FromPort", Json()) == b.value("FromPort", Json()) &&
         a.value("ToPort", Json()) == b.value("ToPort", Json());
}

// The stored permission with the ports of `rule`, created when absent.
Json& permission_for(Json& permissions, const Json& rule) {
  for (Json& permission : permissions) {
    if (same_ports(permission, rule))
      return permission;
  }
  Json fresh = rule;
  fresh["IpRanges"] = Json::array();
  fresh["UserIdGroupPairs"] = Json::array();
  permissions.push_back(std::move(fresh));
  return permissions.back();
}

// The entry of `entries` that names the same source as `entry` (CidrIp or GroupId).
std::optional<std::size_t> source_index(const Json& entries, const Json& entry) {
  std::string_view key = entry.contains("CidrIp") ? "CidrIp" : "GroupId";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (text_member(entries[i], key) == text_member(entry, key))
      return i;
  }
  return std::nullopt;
}

// EC2's words for a rule in InvalidPermission.Duplicate.
std::string describe_rule(const Json& rule, const Json& source) {
  std::string peer =
      source.contains("CidrIp") ? text_member(source, "CidrIp") : text_member(source, "GroupId");
  std::string protocol = text_member(rule, "IpProtocol");
  std::transform(protocol.begin(), protocol.end(), protocol.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  std::string text = "peer: " + peer + ", " + (protocol == "-1" ? "ALL" : protocol);
  if (rule.contains("FromPort")) {
    text += ", from port: " + rule["FromPort"].dump() + ", to port: " + rule["ToPort"].dump();
  }
  return text + ", ALLOW";
}

// The rule record AuthorizeSecurityGroupIngress answers for one source.
Json rule_record(const Json& group, const Json& rule, const Json& source, Direction direction,
                 const Ec2Tags& tags) {
  Json record{
      {"SecurityGroupRuleId", resource_id("sgr")}, {"GroupId", group["GroupId"]},
      {"GroupOwnerId", group["OwnerId"]},          {"IsEgress", direction == Direction::egress},
      {"IpProtocol", rule["IpProtocol"]},          {"FromPort", rule.value("FromPort", -1)},
      {"ToPort", rule.value("ToPort", -1)},        {"Tags", tags_to_json(tags)}};
  if (source.contains("CidrIp")) {
    record["CidrIpv4"] = source["CidrIp"];
  } else {
    record["ReferencedGroupInfo"] = {{"GroupId", source["GroupId"]}, {"UserId", source["UserId"]}};
  }
  if (source.contains("Description"))
    record["Description"] = source["Description"];
  return record;
}

struct RuleChange {
  Direction direction;
  std::vector<Json> rules;
  Ec2Tags tags;
};

// Adds the change's rules to `group`; the records of the rules added.
std::expected<std::vector<Json>, ApiError> authorize(Transaction& transaction,
                                                     std::string_view region, Json& group,
                                                     const RuleChange& change) {
  std::vector<Json> records;
  Json& permissions = group[std::string(list_of(change.direction))];
  for (const Json& rule : change.rules) {
    Json& permission = permission_for(permissions, rule);
    for (std::string_view sources : {"IpRanges", "UserIdGroupPairs"}) {
      for (Json source : rule[std::string(sources)]) {
        if (sources == "UserIdGroupPairs") {
          std::string source_id = text_member(source, "GroupId");
          if (!transaction.find(region, kSecurityGroupKind, source_id))
            return std::unexpected(security_group_not_found(source_id));
          source["UserId"] = group["OwnerId"];
        }
        Json& stored = permission[std::string(sources)];
        if (source_index(stored, source)) {
          return std::unexpected(client_error(
              "InvalidPermission.Duplicate",
              "the specified rule \"" + describe_rule(rule, source) + "\" already exists"));
        }
        stored.push_back(source);
        records.push_back(rule_record(group, rule, source, change.direction, change.tags));
      }
    }
  }
  return records;
}

ApiError rule_not_found() {
  return client_error("InvalidPermission.NotFound",
                      "The specified rule does not exist in this security group.");
}

// Removes the change's rules from `group`; each must exist.
std::optional<ApiError> revoke(Json& group, const RuleChange& change) {
  Json& permissions = group[std::string(list_of(change.direction))];
  for (const Json& rule : change.rules) {
    auto permission = std::find_if(permissions.begin(), permissions.end(),
                                   [&](const Json& stored) { return same_ports(stored, rule); });
    if (permission == permissions.end())
      return rule_not_found();
    for (std::string_view sources : {"IpRanges", "UserIdGroupPairs"}) {
      Json& stored = (*permission)[std::string(sources)];
      for (const Json& source : rule[std::string(sources)]) {
        auto index = source_index(stored, source);
        if (!index)
          return rule_not_found();
        stored.erase(*index);
      }
    }
    if ((*permission)["IpRanges"].empty() && (*permission)["UserIdGroupPairs"].empty())
      permissions.erase(permission);
  }
  return std::nullopt;
}

enum class Action { authorize, revoke };

ApiOutcome change_rules(const Ec2Context& context, const ApiRequest& request, Action action,
                        Direction direction) {
  auto rules = requested_rules(request.params);
  if (!rules)
    return std::unexpected(rules.error());
  auto tags = tags_for(request.params, "security-group-rule", {"security-group-rule"});
  if (!tags)
    return std::unexpected(tags.error());
  RuleChange change{direction, std::move(*rules), std::move(*tags)};
  auto records = context.deps.store.write(
      [&](Transaction& transaction) -> std::expected<std::vector<Json>, ApiError> {
        auto group = requested_security_group(transaction, request);
        if (!group)
          return std::unexpected(group.error());
        std::expected<std::vector<Json>, ApiError> changed;
        if (action == Action::authorize) {
          changed = authorize(transaction, request.region, **group, change);
        } else if (auto problem = revoke(**group, change)) {
          changed = std::unexpected(*problem);
        }
        if (changed) {
          if (auto dry_run = dry_run_answer(request.params))
            return std::unexpected(*dry_run);
        }
        return changed;
      });
  if (!records)
    return std::unexpected(records.error());
  Ec2Response response(request.operation, request.request_id);
  add_text(response.root(), "return", "true");
  if (action == Action::authorize) {
    pugi::xml_node set = add_node(response.root(), "securityGroupRuleSet");
    for (const Json& record : *records)
      add_all_members(add_node(set, "item"), record, {});
  }
  return response.finish();
}

template <Action action, Direction direction>
ApiOutcome rules_call(const Ec2Context& context, const ApiRequest& request) {
  return change_rules(context, request, action, direction);
}

}  // namespace

void add_security_group_rule_operations(OperationTable& table, const Ec2Context& context) {
  table["AuthorizeSecurityGroupIngress"] =
      with_context(context, rules_call<Action::authorize, Direction::ingress>);
  table["RevokeSecurityGroupIngress"] =
      with_context(context, rules_call<Action::revoke, Direction::ingress>);
  table["AuthorizeSecurityGroupEgress"] =
      with_context(context, rules_call<Action::authorize, Direction::egress>);
  table["RevokeSecurityGroupEgress"] =
      with_context(context, rules_call<Action::revoke, Direction::egress>);
}

}  // namespace spawn::localcloud
