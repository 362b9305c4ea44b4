#include "spawn/ops/instance_extend.hpp"

#include <fmt/format.h>

#include "spawn/ops/instance_ttl.hpp"

namespace spawn::ops {

Result<void> check_extendable(const ManagedInstance& instance) {
  if (instance.state() == instance_state::running)
    return {};
  if (instance.state() == instance_state::stopped || instance.state() == instance_state::stopping)
    return fail(
        ErrorKind::conflict,
        fmt::format("{} is {}; only a running instance's TTL can be extended", instance.id(),
                    instance.state()),
        fmt::format("Its TTL is paused while stopped; `spawn start {}` first.", instance.id()));
  return fail(ErrorKind::conflict,
              fmt::format("{} is {}; only a running instance's TTL can be extended", instance.id(),
                          instance.state()),
              "Wait until it is running and try again.");
}

Result<ExtendOutcome> plan_extension(const ManagedInstance& instance, Milliseconds extension,
                                     SystemTime now) {
  if (auto extendable = check_extendable(instance); !extendable)
    return std::unexpected(extendable.error());
  auto new_ttl = extended_ttl(instance, extension, now);
  if (!new_ttl)
    return std::unexpected(new_ttl.error());
  SystemTime launched = instance.instance.launch_time.value_or(now - instance.age(now));
  return ExtendOutcome{instance.ttl(), instance.deadline(), *new_ttl, launched + *new_ttl};
}

Result<ExtendOutcome> extend_instance(aws::Session& session, const ManagedInstance& instance,
                                      Milliseconds extension, SystemTime now) {
  auto outcome = plan_extension(instance, extension, now);
  if (!outcome)
    return outcome;
  aws::AwsClient client = session.client_for(instance.region);
  auto tagged = aws::Ec2Client(client).create_tags(
      {instance.id()}, {{std::string(instance_tag::ttl), format_duration(outcome->new_ttl)}});
  if (!tagged)
    return std::unexpected(tagged.error());
  return outcome;
}

}  // namespace spawn::ops
