// The read-only half of the network step: three Describe calls at once.
#include <algorithm>

#include "aws/ec2.hpp"
#include "spawn/ops/network.hpp"
#include "spawn/ops/network_parts.hpp"
#include "spawn/ops/own_client.hpp"
#include "spawn/ops/parallel.hpp"

namespace spawn::ops {
namespace {

bool is_spawn_vpc(const aws::Vpc& vpc) {
  return aws::tag_value(vpc.tags, network::kManagedKey) == "true" &&
         aws::tag_value(vpc.tags, network::kSharedKey) == "true";
}

bool has_subnet(const std::vector<aws::Subnet>& subnets, const std::string& vpc_id) {
  return std::any_of(subnets.begin(), subnets.end(),
                     [&](const aws::Subnet& subnet) { return subnet.vpc_id == vpc_id; });
}

// Two spawn VPCs exist only after two launches raced to create the first one; all
// launches then agree on one: the lowest id among those with subnets.
std::optional<aws::Vpc> pick_spawn_vpc(const std::vector<aws::Vpc>& vpcs,
                                       const std::vector<aws::Subnet>& subnets) {
  std::optional<aws::Vpc> chosen;
  for (const aws::Vpc& vpc : vpcs) {
    if (vpc.is_default || !is_spawn_vpc(vpc))
      continue;
    bool better = !chosen ||
                  (has_subnet(subnets, vpc.vpc_id) && !has_subnet(subnets, chosen->vpc_id)) ||
                  (has_subnet(subnets, vpc.vpc_id) == has_subnet(subnets, chosen->vpc_id) &&
                   vpc.vpc_id < chosen->vpc_id);
    if (better)
      chosen = vpc;
  }
  return chosen;
}

}  // namespace

Result<NetworkLookup> look_up_network(aws::AwsClient& client, const std::string& ssh_cidr) {
  using network::tag_filter;
  Result<std::vector<aws::Vpc>> vpcs;
  Result<std::vector<aws::Subnet>> subnets;
  Result<std::vector<aws::SecurityGroup>> groups;
  run_all({[&] {
             vpcs = call_with_own<aws::Ec2Client>(
                 client, [](aws::Ec2Client& ec2) { return ec2.describe_vpcs_all({}); });
           },
           [&] {
             subnets = call_with_own<aws::Ec2Client>(client, [](aws::Ec2Client& ec2) {
               return ec2.describe_subnets_all(
                   {.filters = {tag_filter(network::kManagedKey, "true")}});
             });
           },
           [&] {
             groups = call_with_own<aws::Ec2Client>(client, [&](aws::Ec2Client& ec2) {
               return ec2.describe_security_groups_all(
                   {.filters = {tag_filter(network::kSshFromKey, ssh_cidr),
                                tag_filter(network::kManagedKey, "true")}});
             });
           }});
  if (!vpcs)
    return std::unexpected(vpcs.error());
  if (!subnets)
    return std::unexpected(subnets.error());
  if (!groups)
    return std::unexpected(groups.error());
  NetworkLookup found;
  for (const aws::Vpc& vpc : *vpcs) {
    if (vpc.is_default)
      found.default_vpc = vpc;
  }
  found.spawn_vpc = pick_spawn_vpc(*vpcs, *subnets);
  found.spawn_subnets = std::move(*subnets);
  found.ssh_groups = std::move(*groups);
  return found;
}

}  // namespace spawn::ops
