// Flattening typed EC2 inputs into query parameters the way the EC2 protocol
// does: lists as Name.1, Name.2 (1-based), structures as Name.Member, booleans
// as "true"/"false". Absent optional inputs add nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/ec2_network_types.hpp"
#include "aws/ec2_types.hpp"
#include "aws/query_protocol.hpp"
#include "util/clock.hpp"

namespace spawn::aws {

// name.1=values[0], name.2=values[1], ...
void add_list(QueryParams& params, std::string_view name, const std::vector<std::string>& values);
// Filter.N.Name and Filter.N.Value.M.
void add_filters(QueryParams& params, const std::vector<Filter>& filters);
// name.N.Key and name.N.Value ("Tag" for CreateTags).
void add_tags(QueryParams& params, std::string_view name, const std::vector<Tag>& tags);
// TagSpecification.N.ResourceType and TagSpecification.N.Tag.M.Key/Value.
void add_tag_specifications(QueryParams& params, const std::vector<TagSpecification>& specs);
// IpPermissions.N.IpProtocol/FromPort/ToPort and IpPermissions.N.IpRanges.M.CidrIp/Description.
void add_ip_permissions(QueryParams& params, const std::vector<IpPermission>& permissions);
// The ids (as id_name.N), filters and paging of a Describe call.
void add_describe(QueryParams& params, std::string_view id_name, const DescribeRequest& request);
// key=id plus DryRun: the input of calls that act on one resource (DeleteVpc's VpcId).
QueryParams resource_params(std::string key, const std::string& id, DryRun dry_run);
// MaxResults and NextToken when set.
void add_page(QueryParams& params, const PageRequest& page);
// DryRun=true for DryRun::yes.
void add_dry_run(QueryParams& params, DryRun dry_run);
void add_bool(QueryParams& params, std::string key, bool value);
void add_optional(QueryParams& params, std::string key, const std::optional<bool>& value);
void add_optional(QueryParams& params, std::string key, const std::optional<int>& value);
// ISO-8601 as the EC2 protocol sends timestamps ("2026-11-26T20:30:00Z").
void add_optional(QueryParams& params, std::string key, const std::optional<SystemTime>& value);

}  // namespace spawn::aws
