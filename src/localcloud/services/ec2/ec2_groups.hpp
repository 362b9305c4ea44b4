// Security groups and placement groups (ec2_groups*.cpp). Documents:
//   "security-group"   SecurityGroup: GroupId, GroupName, Description, VpcId, OwnerId,
//                      IpPermissions and IpPermissionsEgress [{IpProtocol, FromPort, ToPort,
//                      IpRanges[{CidrIp, Description}], UserIdGroupPairs[{GroupId, UserId}]}]
//                      (FromPort/ToPort absent for protocol "-1"), Tags
//   "placement-group"  PlacementGroup: GroupName, GroupId, GroupArn, State, Strategy,
//                      PartitionCount (partition), SpreadLevel (spread), Tags
// Both are keyed by their id (sg-…, pg-…); names are looked up with the finders below.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "localcloud/services/ec2/ec2_operations.hpp"
#include "localcloud/services/ec2/ec2_request.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

inline constexpr std::string_view kSecurityGroupKind = "security-group";
inline constexpr std::string_view kPlacementGroupKind = "placement-group";
inline constexpr std::string_view kDefaultGroupName = "default";

// A new group of `vpc_id` that allows all outbound traffic, as CreateSecurityGroup makes it.
Json new_security_group(std::string owner_id, std::string name, std::string description,
                        std::string vpc_id, const Ec2Tags& tags);
// The "default" group each VPC gets: all outbound traffic, all inbound from its own members.
Json new_default_security_group(std::string owner_id, std::string vpc_id);

// The group called `name` in `vpc_id` (staged), or nullptr.
Json* find_security_group_by_name(Transaction& transaction, std::string_view region,
                                  std::string_view name, std::string_view vpc_id);
// The placement group called `name` (staged), or nullptr.
Json* find_placement_group(Transaction& transaction, std::string_view region,
                           std::string_view name);

// The group a request names by GroupId, or by GroupName in the default VPC (staged).
std::expected<Json*, ApiError> requested_security_group(Transaction& transaction,
                                                        const ApiRequest& request);

// The rules an Authorize/Revoke request states, as stored permissions ({IpProtocol, FromPort,
// ToPort, IpRanges, UserIdGroupPairs}); MissingParameter when it states none.
std::expected<std::vector<Json>, ApiError> requested_rules(const FormParams& params);

// InvalidGroup.NotFound for a group id or name.
ApiError security_group_not_found(std::string_view group);

void add_security_group_operations(OperationTable& table, const Ec2Context& context);
void add_security_group_rule_operations(OperationTable& table, const Ec2Context& context);
void add_placement_group_operations(OperationTable& table, const Ec2Context& context);

}  // namespace spawn::localcloud
