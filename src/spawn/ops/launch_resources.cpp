#include "spawn/ops/launch_resources.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "spawn/ops/agent_store.hpp"
#include "spawn/ops/group_sweep.hpp"
#include "spawn/ops/launch_steps.hpp"
#include "spawn/ops/ssh_key_pair.hpp"
#include "spawn/ui/catalog.hpp"

namespace spawn::ops {

namespace {

using ui::N_;

// Publishes the agent (uploading only what the store lacks) and presigns the binary for the
// instance's architecture.
Result<AgentDownload> publish_for(aws::AwsClient& client, const LaunchFacts& facts,
                                  const Environment& env) {
  auto agent_dir = find_agent_dir(env);
  if (!agent_dir)
    return std::unexpected(agent_dir.error());
  auto bucket = agent_bucket_name(facts.identity->account, facts.region);
  if (!bucket)
    return std::unexpected(bucket.error());
  // Round 1 found no agent of this version here (or it would not publish).
  auto published =
      publish_agent(client, *bucket, *agent_dir,
                    facts.agent_known ? AgentStore::lacks_version : AgentStore::unknown);
  if (!published)
    return std::unexpected(published.error());
  return published_download(client, *published, architecture_name(facts.machine.architecture));
}

// A reused group a sweep found unused is in use again: its mark goes, so no sweep deletes it
// under this launch (ops/group_sweep.hpp).
Result<void> keep_group(aws::AwsClient& client, const NetworkLookup& found,
                        const NetworkChoice& chosen) {
  for (const aws::SecurityGroup& group : found.ssh_groups) {
    bool marked = std::any_of(group.tags.begin(), group.tags.end(),
                              [](const aws::Tag& tag) { return tag.key == kUnusedSinceKey; });
    if (group.group_id == chosen.security_group_id && marked)
      return aws::Ec2Client(client).delete_tags({group.group_id}, {std::string(kUnusedSinceKey)});
  }
  return {};
}

}  // namespace

Result<LaunchResources> prepare_launch_resources(LaunchContext& context, const LaunchSpec& spec,
                                                 const LaunchFacts& facts, Saga& saga) {
  LaunchResources resources;
  resources.key_name = facts.key_pair.value_or("");
  aws::AwsClient client = context.session.client_for(facts.region);
  std::vector<LaunchStep> creations;
  if (!facts.key_pair && context.local_key) {
    creations.push_back({"key", N_("Importing your SSH key"), [&]() -> Result<std::string> {
                           aws::AwsClient own(client);
                           aws::Ec2Client ec2(own);
                           auto name = import_key_pair(ec2, *context.local_key, context.username);
                           if (!name)
                             return std::unexpected(name.error());
                           resources.key_name = *name;
                           return *name;
                         }});
  }
  creations.push_back({"network", N_("Preparing the network"), [&]() -> Result<std::string> {
                         aws::AwsClient own(client);
                         NetworkRequest request;
                         request.ssh_cidr = facts.ssh_cidr;
                         request.availability_zone = spec.availability_zone;
                         auto network = ensure_network(own, facts.network, request, saga);
                         if (!network)
                           return std::unexpected(network.error());
                         resources.network = *network;
                         if (auto kept = keep_group(own, facts.network, *network); !kept)
                           return std::unexpected(kept.error());
                         return fmt::format("{}{}", network->security_group_id,
                                            network->created_group ? N_(", created") : "");
                       }});
  creations.push_back({"role", N_("Preparing the instance role"), [&]() -> Result<std::string> {
                         aws::AwsClient own(client);
                         auto profile = ensure_instance_profile(own, facts.profile, saga);
                         if (!profile)
                           return std::unexpected(profile.error());
                         resources.profile = *profile;
                         return fmt::format("{}{}", profile->name,
                                            profile->created ? N_(", created") : "");
                       }});
  if (facts.agent) {
    resources.agent = *facts.agent;
  } else {
    creations.push_back(
        {"agent", N_("Publishing the agent"), [&]() -> Result<std::string> {
           aws::AwsClient own(client);
           auto agent = publish_for(own, facts, context.env);
           if (!agent)
             return std::unexpected(agent.error());
           resources.agent = *agent;
           return agent_bucket_name(facts.identity->account, facts.region).value_or("");
         }});
  }
  if (auto created = run_round(context.events, std::move(creations)); !created)
    return std::unexpected(created.error());
  return resources;
}

}  // namespace spawn::ops
