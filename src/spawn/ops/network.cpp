// ensure_network(): which VPC a launch uses, and what it must create there.
//   explicit ids given     -> choose_explicit (network_explicit.cpp)
//   default VPC            -> the SSH group only; EC2 picks the zone's default subnet
//   spawn VPC exists       -> a subnet in the zone (added if missing) and the SSH group
//   neither                -> build the spawn VPC; its SSH group is created while the
//                             VPC's subnet and routes are (3 sequential rounds in all)
#include "spawn/ops/network.hpp"

#include <fmt/format.h>

#include "spawn/ops/network_parts.hpp"
#include "spawn/ops/parallel.hpp"

namespace spawn::ops {
namespace {

using network::GroupChoice;

std::vector<aws::Subnet> subnets_of(const std::vector<aws::Subnet>& subnets,
                                    const std::string& vpc_id) {
  std::vector<aws::Subnet> kept;
  for (const aws::Subnet& subnet : subnets) {
    if (subnet.vpc_id == vpc_id)
      kept.push_back(subnet);
  }
  return kept;
}

Result<NetworkChoice> in_default_vpc(aws::AwsClient& client, const NetworkLookup& found,
                                     const NetworkRequest& request, Saga& saga) {
  const std::string& vpc_id = found.default_vpc->vpc_id;
  auto group = network::ensure_ssh_group(client, vpc_id, found.ssh_groups, request.ssh_cidr, saga);
  if (!group)
    return std::unexpected(group.error());
  return NetworkChoice{vpc_id, "", group->group_id, false, group->created};
}

Result<NetworkChoice> in_spawn_vpc(aws::AwsClient& client, const NetworkLookup& found,
                                   const NetworkRequest& request, Saga& saga) {
  const aws::Vpc& vpc = *found.spawn_vpc;
  std::vector<aws::Subnet> subnets = subnets_of(found.spawn_subnets, vpc.vpc_id);
  Result<aws::Subnet> subnet = fail(ErrorKind::not_found, "no subnet");
  Result<GroupChoice> group = fail(ErrorKind::not_found, "no group");
  run_all({[&] {
             if (auto existing = network::subnet_for_zone(subnets, request.availability_zone)) {
               subnet = *existing;
               return;
             }
             aws::AwsClient own(client);
             subnet = network::add_spawn_subnet(own, vpc, request.availability_zone, subnets, saga);
           },
           [&] {
             aws::AwsClient own(client);
             group = network::ensure_ssh_group(own, vpc.vpc_id, found.ssh_groups, request.ssh_cidr,
                                               saga);
           }});
  if (!subnet)
    return std::unexpected(subnet.error());
  if (!group)
    return std::unexpected(group.error());
  return NetworkChoice{vpc.vpc_id, subnet->subnet_id, group->group_id, false, group->created};
}

Result<NetworkChoice> in_new_spawn_vpc(aws::AwsClient& client, const NetworkRequest& request,
                                       Saga& saga) {
  auto parts = network::start_spawn_vpc(client, saga);
  if (!parts)
    return std::unexpected(parts.error());
  const std::string vpc_id = (*parts)->vpc_id;
  Result<aws::Subnet> subnet;
  Result<GroupChoice> group = fail(ErrorKind::not_found, "no group");
  run_all({[&] { subnet = network::finish_spawn_vpc(client, **parts, request.availability_zone); },
           [&] {
             aws::AwsClient own(client);
             group = network::ensure_ssh_group(own, vpc_id, {}, request.ssh_cidr, saga);
           }});
  if (!subnet)
    return std::unexpected(subnet.error());
  if (!group)
    return std::unexpected(group.error());
  return NetworkChoice{vpc_id, subnet->subnet_id, group->group_id, true, group->created};
}

}  // namespace

Result<NetworkChoice> ensure_network(aws::AwsClient& client, const NetworkLookup& found,
                                     const NetworkRequest& request, Saga& saga) {
  if (!request.vpc_id.empty() || !request.subnet_id.empty() || !request.security_group_id.empty()) {
    return network::choose_explicit(client, found, request, saga);
  }
  if (found.default_vpc)
    return in_default_vpc(client, found, request, saga);
  if (found.spawn_vpc)
    return in_spawn_vpc(client, found, request, saga);
  return in_new_spawn_vpc(client, request, saga);
}

}  // namespace spawn::ops
