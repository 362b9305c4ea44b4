// Finding spawn's resources: per region, four reads at once (instances that are not
// terminated, and spawn's groups, key pairs and VPCs by tag), then the parts of each
// spawn VPC, then (with --all) the agent bucket's tags. IAM is read beside the regions.
#include <functional>
#include <mutex>

#include "aws/ec2.hpp"
#include "aws/s3.hpp"
#include "spawn/ops/agent_store.hpp"
#include "spawn/ops/cleanup.hpp"
#include "spawn/ops/cleanup_iam.hpp"
#include "spawn/ops/parallel.hpp"
#include "spawn/ops/region_scan.hpp"

namespace spawn::ops {

namespace {

// Every state but terminated: an instance in any of them still holds its groups, key,
// VPC and instance profile.
const aws::Filter kNotTerminated{"instance-state-name",
                                 {"pending", "running", "shutting-down", "stopping", "stopped"}};
const aws::Filter kSpawnManaged{"tag:spawn:managed", {"true"}};

using Read = std::function<Result<void>(aws::Ec2Client&)>;

// Moves a successful answer into `into`.
template <class T>
Result<void> keep(Result<T> answer, T& into) {
  if (!answer)
    return std::unexpected(std::move(answer.error()));
  into = std::move(*answer);
  return {};
}

// Runs the reads at once, each with its own copy of `client`; the first error, if any.
Result<void> read_all(const aws::AwsClient& client, const std::vector<Read>& reads) {
  std::vector<Result<void>> results(reads.size());
  std::vector<std::function<void()>> tasks;
  for (std::size_t i = 0; i < reads.size(); ++i) {
    tasks.emplace_back([&, i] {
      aws::AwsClient own(client);
      aws::Ec2Client ec2(own);
      results[i] = reads[i](ec2);
    });
  }
  run_all(std::move(tasks));
  for (auto& result : results) {
    if (!result)
      return result;
  }
  return {};
}

Result<void> read_vpc_parts(const aws::AwsClient& client, SpawnVpc& found) {
  const std::string& id = found.vpc.vpc_id;
  aws::DescribeRequest in_vpc{.filters = {{"vpc-id", {id}}}};
  aws::DescribeRequest attached{.filters = {{"attachment.vpc-id", {id}}}};
  return read_all(
      client, {
                  [&](aws::Ec2Client& ec2) {
                    return keep(ec2.describe_subnets_all(in_vpc), found.subnets);
                  },
                  [&](aws::Ec2Client& ec2) {
                    return keep(ec2.describe_route_tables_all(in_vpc), found.route_tables);
                  },
                  [&](aws::Ec2Client& ec2) {
                    return keep(ec2.describe_internet_gateways_all(attached), found.gateways);
                  },
                  [&](aws::Ec2Client& ec2) {
                    return keep(ec2.describe_security_groups_all(in_vpc), found.security_groups);
                  },
              });
}

Result<void> read_spawn_resources(aws::AwsClient& client, RegionInventory& region,
                                  std::vector<aws::Vpc>& vpcs) {
  aws::DescribeRequest spawn_tagged{.filters = {kSpawnManaged}};
  return read_all(
      client,
      {
          [&](aws::Ec2Client& ec2) {
            return keep(ec2.describe_instances_all({.filters = {kNotTerminated}}),
                        region.instances);
          },
          [&](aws::Ec2Client& ec2) {
            return keep(ec2.describe_security_groups_all(spawn_tagged), region.security_groups);
          },
          [&](aws::Ec2Client& ec2) {
            return keep(ec2.describe_key_pairs({.filters = {kSpawnManaged}}), region.key_pairs);
          },
          [&](aws::Ec2Client& ec2) { return keep(ec2.describe_vpcs_all(spawn_tagged), vpcs); },
      });
}

// The agent bucket of this region, when it exists.
Result<std::optional<AgentBucket>> read_agent_bucket(aws::AwsClient& client,
                                                     const std::string& account_id) {
  auto name = agent_bucket_name(account_id, client.region());
  if (!name)
    return std::unexpected(std::move(name.error()));
  auto tags = aws::S3Client(client).get_bucket_tagging(*name);
  if (!tags && tags.error().kind == ErrorKind::not_found)
    return std::nullopt;
  if (!tags)
    return std::unexpected(std::move(tags.error()));
  return AgentBucket{*name, std::move(*tags)};
}

Result<RegionInventory> discover_region(aws::AwsClient& client, const DiscoverOptions& options) {
  RegionInventory region{.region = client.region()};
  std::vector<aws::Vpc> vpcs;
  if (auto read = read_spawn_resources(client, region, vpcs); !read)
    return std::unexpected(std::move(read.error()));
  for (aws::Vpc& vpc : vpcs) {
    SpawnVpc found{.vpc = std::move(vpc)};
    if (auto parts = read_vpc_parts(client, found); !parts)
      return std::unexpected(std::move(parts.error()));
    region.vpcs.push_back(std::move(found));
  }
  if (options.scope == CleanupScope::all && !options.account_id.empty()) {
    auto bucket = read_agent_bucket(client, options.account_id);
    if (!bucket)
      return std::unexpected(std::move(bucket.error()));
    region.agent_bucket = std::move(*bucket);
  }
  return region;
}

}  // namespace

Inventory discover_cleanup(aws::Session& session, const DiscoverOptions& options) {
  Inventory inventory;
  std::vector<RegionOutcome<RegionInventory>> scanned;
  std::optional<Result<IamInventory>> iam;
  run_all({[&] {
             scanned = scan_regions<RegionInventory>(
                 session, options.regions,
                 [&](aws::AwsClient& client) { return discover_region(client, options); });
           },
           [&] {
             if (options.iam == IamScan::yes)
               iam = discover_iam(session.client());
           }});
  for (auto& outcome : scanned) {
    if (outcome.result) {
      inventory.regions.push_back(std::move(*outcome.result));
    } else {
      inventory.failed_regions.push_back({outcome.region, std::move(outcome.result.error())});
    }
  }
  if (iam && *iam)
    inventory.iam = std::move(**iam);
  if (iam && !*iam)
    inventory.failed_regions.push_back({std::string(kGlobalRegion), std::move(iam->error())});
  return inventory;
}

}  // namespace spawn::ops
