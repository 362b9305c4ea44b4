#include "spawn/ops/launch_plan.hpp"

#include <fmt/format.h>

#include "spawn/ops/agent_store.hpp"
#include "spawn/ops/instance_profile.hpp"
#include "spawn/ops/run_request.hpp"
#include "spawn/ops/ssh_key_pair.hpp"

namespace spawn::ops {

namespace {

std::vector<std::string> creations(const LaunchContext& context, const LaunchFacts& facts) {
  std::vector<std::string> plan;
  if (!facts.key_pair && context.local_key) {
    plan.push_back(fmt::format("ec2:ImportKeyPair {} (your {})",
                               key_pair_name(*context.local_key, context.username),
                               context.local_key->public_key.string()));
  }
  if (!facts.network.default_vpc && !facts.network.spawn_vpc) {
    plan.push_back(
        "ec2:CreateVpc 10.0.0.0/16, CreateInternetGateway, CreateRouteTable, "
        "CreateSubnet per zone (spawn's shared VPC)");
  }
  if (facts.network.ssh_groups.empty()) {
    plan.push_back(
        fmt::format("ec2:CreateSecurityGroup {}, AuthorizeSecurityGroupIngress tcp/22 "
                    "from {}",
                    ssh_group_name(facts.ssh_cidr), facts.ssh_cidr));
  }
  if (!facts.profile.profile) {
    plan.push_back(
        fmt::format("iam:CreateRole {}, PutRolePolicy {}, AttachRolePolicy {}, "
                    "CreateInstanceProfile {}, AddRoleToInstanceProfile",
                    kDefaultInstanceRole, kSporedPolicyName, kSessionManagerPolicyArn,
                    kDefaultInstanceProfile));
  }
  if (!facts.agent) {
    plan.push_back(fmt::format(
        "s3:CreateBucket {}, PutObject spored-linux-amd64 and -arm64",
        agent_bucket_name(facts.identity->account, facts.region).value_or("spawn-agent-...")));
  }
  return plan;
}

std::string run_line(const LaunchSpec& spec, const LaunchFacts& facts, const LaunchShape& shape) {
  return fmt::format(
      "ec2:RunInstances {} with {} in {}: {} GiB encrypted gp3 root, IMDSv2 required, "
      "shutdown behaviour {}, {} tags{}{}",
      spec.instance_type, facts.image_id, facts.region, shape.volume_gib, shutdown_behavior(spec),
      shape.tags.size(), spec.spot ? ", spot" : "", spec.hibernate ? ", hibernation" : "");
}

// The RunInstances of the launch, with only what exists today (what the launch would create
// is left out: EC2 still checks the rest and the caller's permission).
aws::RunInstancesRequest dry_run_request(const LaunchSpec& spec, const LaunchFacts& facts,
                                         const LaunchShape& shape) {
  LaunchResources existing;
  existing.key_name = facts.key_pair.value_or("");
  if (!facts.network.ssh_groups.empty())
    existing.network.security_group_id = facts.network.ssh_groups.front().group_id;
  if (facts.profile.profile)
    existing.profile.name = std::string(kDefaultInstanceProfile);
  auto request = run_instances_request({.spec = spec,
                                        .facts = facts,
                                        .resources = existing,
                                        .tags = shape.tags,
                                        .user_data = {},
                                        .client_token = {},
                                        .volume_gib = shape.volume_gib});
  request.dry_run = aws::DryRun::yes;
  return request;
}

}  // namespace

Result<LaunchOutcome> plan_launch(LaunchContext& context, const LaunchSpec& spec,
                                  const LaunchFacts& facts, const LaunchShape& shape,
                                  LaunchOutcome outcome) {
  outcome.plan = creations(context, facts);
  outcome.plan.push_back(run_line(spec, facts, shape));
  aws::AwsClient client = context.session.client_for(facts.region);
  auto answer = aws::Ec2Client(client).run_instances(dry_run_request(spec, facts, shape));
  if (answer)
    return fail(ErrorKind::aws, "EC2 launched an instance for a DryRun request");
  if (!aws::is_dry_run_ok(answer.error()))
    return std::unexpected(answer.error());
  outcome.dry_run_verdict = "EC2 accepts this RunInstances request (DryRun)";
  return outcome;
}

}  // namespace spawn::ops
