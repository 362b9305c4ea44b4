#include "spawn/ops/launch_facts.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "aws/ssm.hpp"
#include "spawn/ops/account.hpp"
#include "spawn/ops/agent_store.hpp"
#include "spawn/ops/caller_address.hpp"
#include "spawn/ops/launch_steps.hpp"
#include "spawn/ops/region_scan.hpp"
#include "spawn/ops/ssh_key_pair.hpp"
#include "spawn/ui/catalog.hpp"

namespace spawn::ops {

namespace {

using ui::N_;

// localcloud's instances are reached from this machine.
constexpr std::string_view kLocalCallerCidr = "127.0.0.1/32";

Result<std::string> check_region(LaunchContext& context, const std::string& region) {
  auto regions =
      enabled_regions(context.session, region_cache_for(context.session, context.data_dir));
  if (!regions)
    return std::unexpected(regions.error());
  if (std::find(regions->begin(), regions->end(), region) == regions->end()) {
    return fail(ErrorKind::usage, fmt::format("region {} is unknown or not enabled", region),
                fmt::format("enabled regions: {}", fmt::join(*regions, ", ")));
  }
  return region;
}

Result<aws::InstanceTypeInfo> describe_type(aws::AwsClient& client, const std::string& type) {
  auto found = aws::Ec2Client(client).describe_instance_types({.ids = {type}});
  if (!found && found.error().aws && found.error().aws->code == "InvalidInstanceType") {
    return fail(ErrorKind::usage,
                fmt::format("{} is not an instance type offered in {}", type, client.region()),
                "check the spelling; `aws ec2 describe-instance-types` lists them");
  }
  if (!found)
    return std::unexpected(found.error());
  if (found->items.empty())
    return fail(ErrorKind::usage,
                fmt::format("{} is not an instance type offered in {}", type, client.region()));
  return found->items.front();
}

MachineFacts facts_of(const aws::InstanceTypeInfo& type) {
  bool arm = std::find(type.architectures.begin(), type.architectures.end(), "arm64") !=
             type.architectures.end();
  return {arm ? Architecture::arm64 : Architecture::x86_64, !type.gpus.empty()};
}

struct ImageChoice {
  std::string image_id;
  std::string root_device;
};

Result<ImageChoice> default_image(aws::AwsClient& client, const MachineFacts& machine) {
  auto parameter = aws::SsmClient(client).get_parameter(std::string(image_parameter(machine)));
  if (!parameter && machine.gpu && parameter.error().kind == ErrorKind::not_found) {
    // Not every region publishes the GPU image: the plain one still boots (without drivers).
    return default_image(client, {machine.architecture, false});
  }
  if (!parameter)
    return std::unexpected(parameter.error());
  return ImageChoice{parameter->value, std::string(kDefaultRootDevice)};
}

Result<ImageChoice> named_image(aws::AwsClient& client, const std::string& image_id) {
  if (image_id.starts_with("resolve:ssm:"))
    return ImageChoice{image_id, std::string(kDefaultRootDevice)};
  auto images = aws::Ec2Client(client).describe_images({.image_ids = {image_id}});
  if (!images)
    return std::unexpected(images.error());
  if (images->items.empty()) {
    return fail(ErrorKind::not_found,
                fmt::format("image {} does not exist in {}", image_id, client.region()),
                "images belong to one region; copy it here or pick one of this region's");
  }
  return ImageChoice{image_id, images->items.front().root_device_name};
}

Result<std::optional<std::string>> existing_key_pair(LaunchContext& context, aws::AwsClient& client,
                                                     const LaunchSpec& spec) {
  aws::Ec2Client ec2(client);
  if (!spec.key_pair.empty()) {
    auto named = ec2.describe_key_pairs({.key_names = {spec.key_pair}});
    if (!named) {
      return fail(ErrorKind::not_found,
                  fmt::format("key pair {} does not exist in {}", spec.key_pair, client.region()),
                  "key pairs belong to one region; leave out --key-pair to let spawn import "
                  "your local key");
    }
    return spec.key_pair;
  }
  if (!context.local_key)
    return std::nullopt;
  return find_key_pair(ec2, *context.local_key);
}

Result<std::string> ssh_cidr_for(LaunchContext& context, const LaunchSpec& spec) {
  if (!spec.ssh_from.empty())
    return parse_ssh_from(spec.ssh_from);
  if (context.cloud == CloudKind::local)
    return std::string(kLocalCallerCidr);
  return caller_cidr(context.session.transport(), context.env);
}

Result<std::string> ask_agent(aws::AwsClient& client, LaunchFacts& facts) {
  auto bucket = agent_bucket_name(facts.identity->account, facts.region);
  if (!bucket)
    return std::unexpected(bucket.error());
  auto agent = find_agent(client, *bucket, architecture_name(facts.machine.architecture));
  if (!agent)
    return std::unexpected(agent.error());
  facts.agent = *agent;
  facts.agent_known = true;
  return std::string(agent->has_value() ? N_("published") : N_("not published yet"));
}

std::vector<LaunchStep> first_round(LaunchContext& context, const LaunchSpec& spec,
                                    LaunchFacts& facts, aws::AwsClient& client) {
  std::vector<LaunchStep> questions;
  questions.push_back(
      {"region", N_("Checking the region"), [&] { return check_region(context, facts.region); }});
  if (!facts.identity) {
    questions.push_back({"account", N_("Checking the account"), [&]() -> Result<std::string> {
                           auto identity = fetch_identity(context.session, context.data_dir);
                           if (!identity)
                             return std::unexpected(identity.error());
                           facts.identity = *identity;
                           return identity->account;
                         }});
  }
  questions.push_back({"type", N_("Checking the instance type"), [&]() -> Result<std::string> {
                         aws::AwsClient own(client);
                         auto type = describe_type(own, spec.instance_type);
                         if (!type)
                           return std::unexpected(type.error());
                         facts.type = *type;
                         return fmt::format("{} vCPU, {} GiB", type->vcpus,
                                            static_cast<double>(type->memory_mib) / 1024.0);
                       }});
  questions.push_back({"image", N_("Choosing the image"), [&]() -> Result<std::string> {
                         aws::AwsClient own(client);
                         auto image = spec.image_id.empty() ? default_image(own, facts.machine)
                                                            : named_image(own, spec.image_id);
                         if (!image)
                           return std::unexpected(image.error());
                         facts.image_id = image->image_id;
                         facts.root_device = image->root_device;
                         return image->image_id;
                       }});
  questions.push_back({"key", N_("Finding the SSH key"), [&]() -> Result<std::string> {
                         aws::AwsClient own(client);
                         auto key = existing_key_pair(context, own, spec);
                         if (!key)
                           return std::unexpected(key.error());
                         facts.key_pair = *key;
                         return key->value_or(std::string(N_("to import")));
                       }});
  questions.push_back({"network", N_("Finding the network"), [&]() -> Result<std::string> {
                         auto cidr = ssh_cidr_for(context, spec);
                         if (!cidr)
                           return std::unexpected(cidr.error());
                         facts.ssh_cidr = *cidr;
                         aws::AwsClient own(client);
                         auto network = look_up_network(own, *cidr);
                         if (!network)
                           return std::unexpected(network.error());
                         facts.network = std::move(*network);
                         return fmt::format("SSH from {}", *cidr);
                       }});
  questions.push_back({"role", N_("Finding the instance role"), [&]() -> Result<std::string> {
                         aws::AwsClient own(client);
                         auto profile = look_up_instance_profile(own);
                         if (!profile)
                           return std::unexpected(profile.error());
                         facts.profile = std::move(*profile);
                         return std::string(facts.profile.profile ? N_("exists") : N_("to create"));
                       }});
  if (facts.identity) {
    questions.push_back({"agent", N_("Finding the agent"), [&] {
                           aws::AwsClient own(client);
                           return ask_agent(own, facts);
                         }});
  }
  if (spec.spot) {
    questions.push_back({"price", N_("Reading the spot price"), [&]() -> Result<std::string> {
                           aws::AwsClient own(client);
                           auto prices = aws::Ec2Client(own).describe_spot_price_history(
                               {.instance_types = {spec.instance_type},
                                .product_descriptions = {"Linux/UNIX"},
                                .availability_zone = spec.availability_zone});
                           if (!prices)
                             return std::unexpected(prices.error());
                           if (!prices->items.empty())
                             facts.live_spot_price = prices->items.front().price_per_hour;
                           return std::string();
                         }});
  }
  return questions;
}

}  // namespace

Result<LaunchFacts> gather_launch_facts(LaunchContext& context, const LaunchSpec& spec,
                                        const std::string& region) {
  LaunchFacts facts;
  facts.region = region;
  facts.identity = cached_identity(context.session, context.data_dir);
  facts.machine = guess_machine_facts(spec.instance_type);
  aws::AwsClient client = context.session.client_for(region);
  if (auto answered = run_round(context.events, first_round(context, spec, facts, client));
      !answered)
    return std::unexpected(answered.error());
  return facts;
}

Result<void> complete_launch_facts(LaunchContext& context, const LaunchSpec& spec,
                                   LaunchFacts& facts) {
  aws::AwsClient client = context.session.client_for(facts.region);
  MachineFacts confirmed = facts_of(facts.type);
  std::vector<LaunchStep> questions;
  bool guessed_wrong = confirmed != facts.machine;
  facts.machine = confirmed;
  if (guessed_wrong && spec.image_id.empty()) {
    questions.push_back({"image", N_("Choosing the image"), [&]() -> Result<std::string> {
                           aws::AwsClient own(client);
                           auto image = default_image(own, facts.machine);
                           if (!image)
                             return std::unexpected(image.error());
                           facts.image_id = image->image_id;
                           return image->image_id;
                         }});
  }
  // An agent asked for the wrong architecture is asked again; one not asked at all (the
  // account was not known yet) is published, or found, by the next round.
  if (guessed_wrong && facts.agent_known) {
    questions.push_back({"agent", N_("Finding the agent"), [&] {
                           aws::AwsClient own(client);
                           return ask_agent(own, facts);
                         }});
  }
  return run_round(context.events, std::move(questions));
}

}  // namespace spawn::ops
