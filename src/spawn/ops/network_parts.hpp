// The pieces ensure_network() is assembled from (network*.cpp only; not a public
// interface): spawn's tags, waiting out DependencyViolation while an instance
// terminates, the explicit --vpc/--subnet/--security-group check, the SSH group,
// and the shared spawn VPC.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/client.hpp"
#include "aws/ec2_network_types.hpp"
#include "spawn/ops/network.hpp"
#include "spawn/ops/saga.hpp"
#include "util/result.hpp"

namespace spawn::ops::network {

inline constexpr std::string_view kManagedKey = "spawn:managed";
inline constexpr std::string_view kSharedKey = "spawn:shared";
inline constexpr std::string_view kCreatedByKey = "spawn:created-by";
inline constexpr std::string_view kSshFromKey = "spawn:ssh-from";
inline constexpr std::string_view kSpawnName = "spawn";

// An instance being terminated keeps its network interface for a minute or two; its
// security group and subnet cannot be deleted before that.
inline constexpr std::chrono::minutes kInUseDeadline{4};
inline constexpr std::chrono::seconds kInUsePoll{5};

// spawn:managed=true, spawn:created-by=spawn and Name=`name`, plus `extra`.
std::vector<aws::Tag> spawn_tags(std::string_view name, std::vector<aws::Tag> extra = {});
// The tags of the shared spawn VPC and its parts (spawn_tags plus spawn:shared=true).
std::vector<aws::Tag> shared_tags();
std::vector<aws::TagSpecification> tag_specification(std::string resource_type,
                                                     std::vector<aws::Tag> tags);
// A filter matching resources tagged key=value.
aws::Filter tag_filter(std::string_view key, std::string_view value);

bool is_aws_code(const Error& error, std::string_view code);

// Calls `remove` until it stops failing with DependencyViolation (or kInUseDeadline
// passes); a resource already gone (not_found) counts as removed.
Result<void> remove_when_unused(aws::AwsClient& client,
                                const std::function<Result<void>()>& remove);

// ensure_network() when --vpc, --subnet or --security-group is given: each is checked
// with one Describe (concurrently) and used as given; what is missing is filled in
// around it (the VPC from the subnet or group, a subnet of a non-default VPC, spawn's
// SSH group). Errors (ErrorKind::usage) name the flag that does not exist or does not fit.
Result<NetworkChoice> choose_explicit(aws::AwsClient& client, const NetworkLookup& found,
                                      const NetworkRequest& request, Saga& saga);

// spawn's SSH group for request.ssh_cidr in `vpc_id`: the one in `found` (with the SSH
// rule added if it lacks it), else a new one (2 sequential calls). Returns its id and
// whether it was created now.
struct GroupChoice {
  std::string group_id;
  bool created = false;
};
Result<GroupChoice> ensure_ssh_group(aws::AwsClient& client, const std::string& vpc_id,
                                     const std::vector<aws::SecurityGroup>& found,
                                     const std::string& ssh_cidr, Saga& saga);

// The spawn VPC's parts as they come into existence; the VPC's undo step removes
// whatever is here, in dependency order.
struct VpcParts {
  std::mutex mutex;
  std::string vpc_id;
  std::string internet_gateway_id;
  bool gateway_attached = false;
  std::vector<std::string> subnet_ids;
};

// Round 1 of building the spawn VPC: CreateVpc and CreateInternetGateway at once.
// Records the undo step for the whole VPC.
Result<std::shared_ptr<VpcParts>> start_spawn_vpc(aws::AwsClient& client, Saga& saga);

// Rounds 2 and 3: attach the gateway, turn on DNS hostnames, route 0.0.0.0/0 of the
// main route table to the gateway, and the first public subnet, in `zone` (empty: EC2
// picks one). The subnet made.
Result<aws::Subnet> finish_spawn_vpc(aws::AwsClient& client, VpcParts& parts,
                                     const std::string& zone);

// A new public subnet of the existing spawn VPC in `zone`, in a /24 that `existing`
// does not use (2 sequential calls). Its undo step goes into `saga`.
Result<aws::Subnet> add_spawn_subnet(aws::AwsClient& client, const aws::Vpc& vpc,
                                     const std::string& zone,
                                     const std::vector<aws::Subnet>& existing, Saga& saga);

// The subnet of `subnets` in `zone`, or the first by zone name when `zone` is empty.
std::optional<aws::Subnet> subnet_for_zone(const std::vector<aws::Subnet>& subnets,
                                           const std::string& zone);

}  // namespace spawn::ops::network
