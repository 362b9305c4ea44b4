// The network a launch puts its instance in (spec §3.9 [REC]): the VPC, the subnet and
// a security group that lets SSH in from the user's address only.
//
// Split in two so a launch can overlap it with its other preparations
// (ARCHITECTURE decision 7): look_up_network() only reads, in one parallel round;
// ensure_network() creates what the look-up did not find, recording an undo step in
// the launch's saga for everything it creates (decision 4), in as few sequential
// round trips as the dependencies allow.
//
// What gets created, all tagged at creation (spawn:managed, spawn:created-by):
// - a security group `spawn-ssh-<cidr>` per caller range and VPC, tagged
//   spawn:ssh-from=<cidr>, reused by every later launch from that range;
// - only in a region without a default VPC: one shared spawn VPC (10.0.0.0/16, DNS
//   hostnames, internet gateway, its main route table sending 0.0.0.0/0 there, and a
//   public subnet in each zone a launch asked for, added as zones are asked for),
//   tagged spawn:shared=true and reused by every later launch.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "aws/client.hpp"
#include "aws/ec2_network_types.hpp"
#include "spawn/ops/saga.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// What already exists in the client's region. (Every member has a default initializer, so
// callers name only what they set.)
struct NetworkLookup {
  std::optional<aws::Vpc> default_vpc{};
  std::optional<aws::Vpc> spawn_vpc{};           // tagged spawn:managed and spawn:shared
  std::vector<aws::Subnet> spawn_subnets{};      // tagged spawn:managed, any VPC
  std::vector<aws::SecurityGroup> ssh_groups{};  // spawn's groups for this caller range
};

// Reads the region's VPCs, spawn's subnets and spawn's SSH groups for `ssh_cidr`, three
// calls at once.
Result<NetworkLookup> look_up_network(aws::AwsClient& client, const std::string& ssh_cidr);

struct NetworkRequest {
  std::string ssh_cidr{};           // "203.0.113.7/32" (caller_cidr or parse_ssh_from)
  std::string availability_zone{};  // empty: any zone
  // --vpc, --subnet, --security-group: used as given (after one Describe to check them).
  std::string vpc_id{};
  std::string subnet_id{};
  std::string security_group_id{};
};

struct NetworkChoice {
  std::string vpc_id{};
  std::string subnet_id{};  // empty: EC2 uses the default subnet of the zone (default VPC)
  std::string security_group_id{};
  bool created_vpc = false;
  bool created_group = false;
};

// Chooses (and creates when missing) the VPC, subnet and SSH security group for a
// launch, from what look_up_network() found. Explicit ids in `request` win; otherwise
// the default VPC, else spawn's shared VPC. Everything created gets an undo step in
// `saga`. A group created at the same moment by a concurrent launch is used as is.
Result<NetworkChoice> ensure_network(aws::AwsClient& client, const NetworkLookup& found,
                                     const NetworkRequest& request, Saga& saga);

// The name of spawn's SSH group for `cidr`: "spawn-ssh-203-0-113-7-32".
std::string ssh_group_name(const std::string& cidr);

}  // namespace spawn::ops
