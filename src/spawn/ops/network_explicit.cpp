// --vpc, --subnet and --security-group (spec §3.2 [REC]: explicit wins). Each id
// given is checked with one Describe, all at once, so a typo fails before anything
// is created; what the user left out is filled in around what they gave.
#include <fmt/format.h>

#include "aws/ec2.hpp"
#include "spawn/ops/network_parts.hpp"
#include "spawn/ops/own_client.hpp"
#include "spawn/ops/parallel.hpp"

namespace spawn::ops::network {
namespace {

struct Given {
  std::optional<aws::Vpc> vpc;
  std::optional<aws::Subnet> subnet;
  std::optional<aws::SecurityGroup> group;
};

// The one resource `id` names, or a usage error naming `flag`.
template <class Item>
Result<std::optional<Item>> only_item(const Result<std::vector<Item>>& items, std::string_view flag,
                                      const std::string& id, const std::string& region) {
  if (id.empty())
    return std::optional<Item>{};
  if (!items && items.error().kind != ErrorKind::not_found)
    return std::unexpected(items.error());
  if (!items || items->empty()) {
    return fail(
        ErrorKind::usage, fmt::format("{} {}: there is no such resource in {}", flag, id, region),
        fmt::format("Check the id, and that {} is the region it lives in (--region).", region));
  }
  return std::optional<Item>(items->front());
}

Result<Given> describe_given(aws::AwsClient& client, const NetworkRequest& request) {
  Result<std::vector<aws::Vpc>> vpcs;
  Result<std::vector<aws::Subnet>> subnets;
  Result<std::vector<aws::SecurityGroup>> groups;
  std::vector<std::function<void()>> tasks;
  auto describe = [&](const std::string& id, auto& result, auto method) {
    if (!id.empty()) {
      tasks.push_back([&client, &result, id, method] {
        result = call_with_own<aws::Ec2Client>(
            client, [&](aws::Ec2Client& ec2) { return (ec2.*method)({.ids = {id}}); });
      });
    }
  };
  describe(request.vpc_id, vpcs, &aws::Ec2Client::describe_vpcs_all);
  describe(request.subnet_id, subnets, &aws::Ec2Client::describe_subnets_all);
  describe(request.security_group_id, groups, &aws::Ec2Client::describe_security_groups_all);
  run_all(std::move(tasks));
  auto vpc = only_item(vpcs, "--vpc", request.vpc_id, client.region());
  auto subnet = only_item(subnets, "--subnet", request.subnet_id, client.region());
  auto group = only_item(groups, "--security-group", request.security_group_id, client.region());
  if (!vpc)
    return std::unexpected(vpc.error());
  if (!subnet)
    return std::unexpected(subnet.error());
  if (!group)
    return std::unexpected(group.error());
  return Given{std::move(*vpc), std::move(*subnet), std::move(*group)};
}

Error mismatch(std::string_view flag, const std::string& id, const std::string& its_vpc,
               const std::string& vpc_id) {
  return Error{ErrorKind::usage,
               fmt::format("{} {} is in {}, not in {}", flag, id, its_vpc, vpc_id), std::nullopt,
               "Give a subnet and security group of the same VPC (or leave one out)."};
}

// The VPC the given resources agree on.
Result<std::string> agreed_vpc(const Given& given) {
  std::string vpc_id = given.vpc      ? given.vpc->vpc_id
                       : given.subnet ? given.subnet->vpc_id
                                      : given.group->vpc_id;
  if (given.subnet && given.subnet->vpc_id != vpc_id)
    return std::unexpected(
        mismatch("--subnet", given.subnet->subnet_id, given.subnet->vpc_id, vpc_id));
  if (given.group && given.group->vpc_id != vpc_id)
    return std::unexpected(
        mismatch("--security-group", given.group->group_id, given.group->vpc_id, vpc_id));
  return vpc_id;
}

bool is_default_vpc(const Given& given, const NetworkLookup& found, const std::string& vpc_id) {
  if (given.vpc)
    return given.vpc->is_default;
  return found.default_vpc && found.default_vpc->vpc_id == vpc_id;
}

// A subnet of `vpc_id` in the requested zone; empty in a default VPC, where EC2 picks.
Result<std::string> subnet_in(aws::AwsClient& client, const Given& given,
                              const NetworkLookup& found, const std::string& vpc_id,
                              const std::string& zone) {
  if (given.subnet && !zone.empty() && given.subnet->availability_zone != zone) {
    return fail(ErrorKind::usage,
                fmt::format("--subnet {} is in {}, not in the zone asked for ({})",
                            given.subnet->subnet_id, given.subnet->availability_zone, zone),
                "Leave out --az, or give a subnet of that zone.");
  }
  if (given.subnet)
    return given.subnet->subnet_id;
  if (is_default_vpc(given, found, vpc_id))
    return std::string();
  aws::Ec2Client ec2(client);
  auto subnets = ec2.describe_subnets_all({.filters = {{"vpc-id", {vpc_id}}}});
  if (!subnets)
    return std::unexpected(subnets.error());
  if (auto subnet = subnet_for_zone(*subnets, zone))
    return subnet->subnet_id;
  return fail(ErrorKind::usage,
              fmt::format("VPC {} has no subnet{}", vpc_id, zone.empty() ? "" : " in " + zone),
              "Pass --subnet with a subnet of that VPC.");
}

}  // namespace

Result<NetworkChoice> choose_explicit(aws::AwsClient& client, const NetworkLookup& found,
                                      const NetworkRequest& request, Saga& saga) {
  auto given = describe_given(client, request);
  if (!given)
    return std::unexpected(given.error());
  auto vpc_id = agreed_vpc(*given);
  if (!vpc_id)
    return std::unexpected(vpc_id.error());
  Result<std::string> subnet_id;
  Result<GroupChoice> group = GroupChoice{request.security_group_id, false};
  run_all({[&] {
             aws::AwsClient own(client);
             subnet_id = subnet_in(own, *given, found, *vpc_id, request.availability_zone);
           },
           [&] {
             if (!given->group) {
               aws::AwsClient own(client);
               group = ensure_ssh_group(own, *vpc_id, found.ssh_groups, request.ssh_cidr, saga);
             }
           }});
  if (!subnet_id)
    return std::unexpected(subnet_id.error());
  if (!group)
    return std::unexpected(group.error());
  return NetworkChoice{*vpc_id, *subnet_id, group->group_id, false, group->created};
}

}  // namespace spawn::ops::network
