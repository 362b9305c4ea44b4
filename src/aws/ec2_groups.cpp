// Security groups and placement groups.
#include "aws/ec2.hpp"
#include "aws/ec2_params.hpp"
#include "aws/ec2_parse.hpp"
#include "aws/pagination.hpp"

namespace spawn::aws {

Result<std::string> Ec2Client::create_security_group(const CreateSecurityGroupRequest& request) {
  QueryParams params;
  params.add("GroupDescription", request.description);
  params.add("GroupName", request.group_name);
  params.add_if("VpcId", request.vpc_id);
  add_tag_specifications(params, request.tag_specifications);
  add_dry_run(params, request.dry_run);
  return parse_answer(call("CreateSecurityGroup", params), text_of("groupId"));
}

Result<void> Ec2Client::authorize_security_group_ingress(const AuthorizeIngressRequest& request) {
  QueryParams params = resource_params("GroupId", request.group_id, request.dry_run);
  add_ip_permissions(params, request.ip_permissions);
  add_tag_specifications(params, request.tag_specifications);
  return call_for_success("AuthorizeSecurityGroupIngress", params);
}

Result<Page<SecurityGroup>> Ec2Client::describe_security_groups(const DescribeRequest& request) {
  QueryParams params;
  add_describe(params, "GroupId", request);
  return parse_answer(call("DescribeSecurityGroups", params),
                      page_of("securityGroupInfo", parse_security_group));
}

Result<std::vector<SecurityGroup>> Ec2Client::describe_security_groups_all(
    const DescribeRequest& request) {
  return collect_all_pages(request,
                           [this](const auto& next) { return describe_security_groups(next); });
}

Result<void> Ec2Client::delete_security_group(const std::string& group_id, DryRun dry_run) {
  return call_for_success("DeleteSecurityGroup", resource_params("GroupId", group_id, dry_run));
}

Result<PlacementGroup> Ec2Client::create_placement_group(
    const CreatePlacementGroupRequest& request) {
  QueryParams params = resource_params("GroupName", request.group_name, request.dry_run);
  params.add("Strategy", request.strategy);
  add_optional(params, "PartitionCount", request.partition_count);
  add_tag_specifications(params, request.tag_specifications);
  return parse_answer(call("CreatePlacementGroup", params),
                      child_of("placementGroup", parse_placement_group));
}

Result<std::vector<PlacementGroup>> Ec2Client::describe_placement_groups(
    const DescribePlacementGroupsRequest& request) {
  QueryParams params;
  add_filters(params, request.filters);
  add_list(params, "GroupName", request.group_names);
  return parse_answer(call("DescribePlacementGroups", params),
                      items_of("placementGroupSet", parse_placement_group));
}

Result<void> Ec2Client::delete_placement_group(const std::string& group_name, DryRun dry_run) {
  return call_for_success("DeletePlacementGroup",
                          resource_params("GroupName", group_name, dry_run));
}

}  // namespace spawn::aws
