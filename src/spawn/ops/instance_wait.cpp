#include "spawn/ops/instance_wait.hpp"

#include <fmt/format.h>

#include "spawn/ops/managed_instance.hpp"

namespace spawn::ops {

namespace {

// States from which `target` can never follow. (A stopped instance just after StartInstances
// is not one: EC2's answers are eventually consistent.)
bool dead_end(std::string_view state, std::string_view target) {
  if (target == instance_state::terminated)
    return false;
  return state == instance_state::terminated || state == instance_state::shutting_down;
}

Result<aws::Instance> describe_one(aws::Ec2Client& ec2, const std::string& instance_id) {
  auto described = ec2.describe_instances({.ids = {instance_id}});
  if (!described)
    return std::unexpected(described.error());
  if (described->items.empty())
    return fail(ErrorKind::not_found, fmt::format("instance {} disappeared", instance_id));
  return std::move(described->items.front());
}

}  // namespace

Result<aws::Instance> wait_for_state(aws::AwsClient& client, const std::string& instance_id,
                                     std::string_view target, const StateWaitLimits& limits) {
  aws::Ec2Client ec2(client);
  const SystemTime deadline = client.clock().now() + limits.timeout;
  while (true) {
    auto instance = describe_one(ec2, instance_id);
    if (!instance)
      return instance;
    const std::string& state = instance->state.name;
    if (state == target)
      return instance;
    if (dead_end(state, target)) {
      return fail(ErrorKind::conflict,
                  fmt::format("{} is {} and will not become {}", instance_id, state, target));
    }
    if (client.clock().now() >= deadline) {
      return fail(ErrorKind::timeout,
                  fmt::format("{} is still {} after {}", instance_id, state,
                              format_duration(limits.timeout)),
                  fmt::format("EC2 may be slow; check later with `spawn status {}`.", instance_id));
    }
    client.clock().sleep_for(limits.interval);
  }
}

}  // namespace spawn::ops
