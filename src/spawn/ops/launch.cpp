#include "spawn/ops/launch.hpp"

#include <fmt/format.h>

#include "core/launch_tags.hpp"
#include "core/launch_user_data.hpp"
#include "spawn/ops/group_sweep.hpp"
#include "spawn/ops/instance_profile.hpp"
#include "spawn/ops/launch_facts.hpp"
#include "spawn/ops/launch_plan.hpp"
#include "spawn/ops/launch_resources.hpp"
#include "spawn/ops/launch_wait.hpp"
#include "spawn/ops/managed_instance.hpp"
#include "spawn/ops/run_request.hpp"
#include "spawn/ops/saga.hpp"
#include "spawn/ui/catalog.hpp"
#include "util/uuid.hpp"

namespace spawn::ops {

namespace {

using ui::N_;

// A presigned URL is rarely longer than this (a session token makes it long); the user-data
// size check before any resource exists counts with it.
constexpr std::size_t kLongestAgentUrl = 2048;
// After an undo terminates the instance, how long to wait for it to be gone so that the
// security group it used can be deleted.
constexpr std::chrono::minutes kTerminationDeadline{3};
constexpr std::uint16_t kSshPort = 22;
constexpr std::chrono::seconds kLaunchSweepBudget{5};

Result<void> stop_if_interrupted(const LaunchContext& context) {
  if (context.stop.stop_requested())
    return std::unexpected(interrupted_error());
  return {};
}

UserDataInput user_data_input(const LaunchSpec& spec, AgentDownload agent) {
  UserDataInput input;
  input.agent = std::move(agent);
  input.motd = {.name = spec.name,
                .ttl = spec.ttl ? format_duration(*spec.ttl) : "",
                .idle_timeout = spec.idle_timeout ? format_duration(*spec.idle_timeout) : "",
                .on_complete = spec.on_complete};
  input.user_script = spec.user_script;
  input.command = spec.command;
  return input;
}

// Refuses user-data that cannot fit before anything is created: the real URL is only known
// once the agent is published, so a URL of the longest likely size stands in for it.
Result<void> check_user_data_fits(const LaunchSpec& spec) {
  AgentDownload longest{std::string(kLongestAgentUrl, 'u'), std::string(64, '0')};
  auto rendered = launch_user_data(user_data_input(spec, longest));
  if (!rendered)
    return std::unexpected(rendered.error());
  return {};
}

Result<void> check_machine(const LaunchSpec& spec, const LaunchFacts& facts) {
  if (spec.hibernate && !facts.type.hibernation_supported) {
    return fail(ErrorKind::usage, fmt::format("{} cannot hibernate", spec.instance_type),
                "drop --hibernate, or choose a type that supports it (most m, c, r and t "
                "families of the 5th generation and later do)");
  }
  return {};
}

Result<std::vector<Tag>> tags_for(const LaunchSpec& spec, const LaunchFacts& facts) {
  LaunchTagInput input;
  input.account_id = facts.identity->account;
  input.caller_arn = facts.identity->arn;
  input.name = spec.name;
  input.ttl = spec.ttl;
  input.idle_timeout = spec.idle_timeout;
  input.idle_cpu_percent = spec.idle_cpu_percent;
  input.hibernate_on_idle = spec.hibernate_on_idle;
  input.on_complete = spec.on_complete;
  input.completion_file = spec.completion_file;
  input.completion_delay = spec.completion_delay;
  return launch_tags(input);
}

// Terminates the instance and waits until it is gone, so what it used can be deleted next.
Saga::Undo terminate_undo(aws::AwsClient client, std::string instance_id) {
  return [client, instance_id]() mutable -> Result<void> {
    aws::Ec2Client ec2(client);
    if (auto ended = ec2.terminate_instances({.instance_ids = {instance_id}}); !ended)
      return std::unexpected(ended.error());
    auto gone = wait_for_state(client, instance_id, instance_state::terminated,
                               {kTerminationDeadline, kLaunchPollInterval});
    if (!gone)
      return std::unexpected(gone.error());
    return {};
  };
}

// RunInstances, tried again while EC2 does not see a role created moments ago. The same
// ClientToken makes every try the same request: never two instances.
Result<aws::Instance> run_instance(LaunchContext& context, aws::Ec2Client& ec2,
                                   const aws::RunInstancesRequest& request, bool new_profile) {
  auto deadline = std::chrono::steady_clock::now() + kProfilePropagationDeadline;
  for (;;) {
    auto reservation = ec2.run_instances(request);
    if (reservation && !reservation->instances.empty())
      return reservation->instances.front();
    if (reservation)
      return fail(ErrorKind::aws, "RunInstances answered without an instance");
    bool propagating = new_profile && is_profile_propagation_error(reservation.error());
    if (!propagating || std::chrono::steady_clock::now() > deadline)
      return std::unexpected(reservation.error());
    context.events.note(
        std::string(N_("The new instance role is not visible to EC2 yet; trying again")));
    if (!pause_unless_stopped(kProfilePropagationPoll, context.stop))
      return std::unexpected(interrupted_error());
  }
}

Result<aws::Instance> wait_until_usable(LaunchContext& context, aws::AwsClient& client,
                                        const aws::Instance& launched, bool& ssh_answered) {
  context.events.started("running", N_("Waiting for the instance to run"));
  // A running instance has its private address, and its public one when it gets one.
  auto running = wait_for_state(client, launched.instance_id, instance_state::running,
                                {kRunningDeadline, kLaunchPollInterval}, context.stop);
  if (!running) {
    context.events.failed("running", running.error().message);
    return running;
  }
  std::string address = running->public_ip.empty() ? running->private_ip : running->public_ip;
  context.events.done("running", address);
  // localcloud's sandboxes run no SSH server; without a public address, SSH is not the way in.
  if (context.cloud == CloudKind::local || running->public_ip.empty())
    return running;
  context.events.started("ssh", N_("Waiting for SSH"));
  auto greeting =
      wait_for_ssh(running->public_ip, kSshPort, {kSshDeadline, kLaunchPollInterval}, context.stop);
  if (!greeting) {
    context.events.failed("ssh", greeting.error().message);
    return std::unexpected(greeting.error());
  }
  context.events.done("ssh", *greeting);
  ssh_answered = true;
  return running;
}

// Undoes the saga after `error` and returns the error, telling what was removed or left.
Error roll_back(LaunchContext& context, Saga& saga, Error error) {
  auto recorded = saga.recorded();
  if (recorded.empty())
    return error;
  context.events.started("undo", N_("Removing what this launch created"));
  auto failures = saga.roll_back();
  if (failures.empty()) {
    context.events.done("undo", fmt::format("{}", fmt::join(recorded, ", ")));
    return error;
  }
  context.events.failed("undo", fmt::format("{}", fmt::join(failures, "; ")));
  error.hint = fmt::format(
      "{}{}some resources could not be removed ({}); `spawn cleanup` finds and removes them",
      error.hint, error.hint.empty() ? "" : "; ", fmt::join(failures, "; "));
  return error;
}

// Round 1 and the checks that need its answers; nothing is created.
Result<LaunchFacts> learn_facts(LaunchContext& context, const LaunchSpec& spec,
                                const std::string& region) {
  auto facts = gather_launch_facts(context, spec, region);
  if (!facts)
    return facts;
  if (auto machine = check_machine(spec, *facts); !machine)
    return std::unexpected(machine.error());
  if (auto completed = complete_launch_facts(context, spec, *facts); !completed)
    return std::unexpected(completed.error());
  if (auto stopped = stop_if_interrupted(context); !stopped)
    return std::unexpected(stopped.error());
  return facts;
}

}  // namespace

HourlyPrice launch_price(const LaunchSpec& spec, const std::string& region,
                         std::optional<double> live_spot_price) {
  HourlyPrice on_demand = on_demand_price(region, spec.instance_type);
  if (spec.piped_on_demand_price && *spec.piped_on_demand_price > 0)
    on_demand = {*spec.piped_on_demand_price, PriceSource::live};
  if (!spec.spot)
    return on_demand;
  return spot_price(on_demand, live_spot_price ? live_spot_price : spec.piped_spot_price);
}

Result<LaunchOutcome> launch_instance(LaunchContext& context, const LaunchSpec& spec,
                                      LaunchMode mode, WaitFor wait) {
  if (auto fits = check_user_data_fits(spec); !fits)
    return std::unexpected(fits.error());
  std::string region = spec.region.empty() ? context.session.region() : spec.region;
  auto facts = learn_facts(context, spec, region);
  if (!facts)
    return std::unexpected(facts.error());
  auto volume = root_volume_gib(spec, facts->type);
  if (!volume)
    return std::unexpected(volume.error());
  auto tags = tags_for(spec, *facts);
  if (!tags)
    return std::unexpected(tags.error());
  LaunchOutcome outcome;
  outcome.region = region;
  outcome.price = launch_price(spec, region, facts->live_spot_price);
  if (mode == LaunchMode::dry_run)
    return plan_launch(context, spec, *facts, {*tags, *volume}, std::move(outcome));
  Saga saga;
  auto resources = prepare_launch_resources(context, spec, *facts, saga);
  if (!resources)
    return std::unexpected(roll_back(context, saga, resources.error()));
  if (auto stopped = stop_if_interrupted(context); !stopped)
    return std::unexpected(roll_back(context, saga, stopped.error()));
  auto user_data = launch_user_data(user_data_input(spec, resources->agent));
  if (!user_data)
    return std::unexpected(roll_back(context, saga, user_data.error()));
  // Orphaned SSH groups of the region go meanwhile, bounded (the future waits at return):
  // its reads share RunInstances' round trip. This launch's group is in use already.
  auto sweep = start_group_sweep(context.session.client_for(region), kLaunchSweepBudget,
                                 {resources->network.security_group_id});

  auto request = run_instances_request({.spec = spec,
                                        .facts = *facts,
                                        .resources = *resources,
                                        .tags = *tags,
                                        .user_data = *user_data,
                                        .client_token = random_uuid(),
                                        .volume_gib = *volume});
  aws::AwsClient client = context.session.client_for(region);
  aws::Ec2Client ec2(client);
  context.events.started("launch", N_("Launching the instance"));
  auto instance = run_instance(context, ec2, request, resources->profile.created);
  if (!instance) {
    context.events.failed("launch", instance.error().message);
    return std::unexpected(roll_back(context, saga, instance.error()));
  }
  context.events.done("launch", instance->instance_id);
  saga.record(fmt::format("instance {}", instance->instance_id),
              terminate_undo(client, instance->instance_id));
  outcome.instance = *instance;
  outcome.key_name = resources->key_name;
  if (spec.ttl && instance->launch_time)
    outcome.deadline = *instance->launch_time + *spec.ttl;
  if (wait == WaitFor::ssh) {
    auto usable = wait_until_usable(context, client, *instance, outcome.ssh_answered);
    if (!usable)
      return std::unexpected(roll_back(context, saga, usable.error()));
    outcome.instance = *usable;
  }
  saga.commit();
  return outcome;
}

}  // namespace spawn::ops
