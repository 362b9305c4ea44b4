#include "spawn/ops/instance_power.hpp"

#include <fmt/format.h>

#include "spawn/ops/instance_ttl.hpp"
#include "util/time_format.hpp"

namespace spawn::ops {

namespace {

constexpr std::string_view kUserStopped = "user-stopped";
constexpr std::string_view kUserHibernated = "user-hibernated";

std::vector<aws::Tag> stop_tags(StopKind kind, SystemTime now,
                                const std::optional<Milliseconds>& saved_ttl) {
  std::vector<aws::Tag> tags{
      {std::string(instance_tag::last_stop_reason),
       std::string(kind == StopKind::hibernate ? kUserHibernated : kUserStopped)},
      {std::string(instance_tag::last_stop_time), format_iso8601(now)}};
  if (saved_ttl)
    tags.push_back({std::string(instance_tag::ttl_remaining), format_duration(*saved_ttl)});
  return tags;
}

// The saved TTL when it still reads as a duration (a hand-edited tag may not).
std::optional<std::string> saved_ttl(const ManagedInstance& instance) {
  auto saved = instance.tag(instance_tag::ttl_remaining);
  if (!saved || !parse_duration(*saved))
    return std::nullopt;
  return saved;
}

}  // namespace

Result<void> check_stoppable(const ManagedInstance& instance, StopKind kind) {
  const std::string& state = instance.state();
  if (state == instance_state::stopped || state == instance_state::stopping)
    return fail(ErrorKind::conflict, fmt::format("{} is already {}", instance.id(), state),
                fmt::format("`spawn start {}` starts it again.", instance.id()));
  if (state != instance_state::running)
    return fail(ErrorKind::conflict,
                fmt::format("{} is not running (state: {})", instance.id(), state),
                "Only a running instance can be stopped; wait until it runs and try again.");
  if (kind == StopKind::hibernate && !instance.instance.hibernation_configured)
    return fail(
        ErrorKind::conflict,
        fmt::format("{} was launched without hibernation, so it cannot hibernate", instance.id()),
        fmt::format("`spawn stop {}` stops it instead (memory is lost); launch with "
                    "--hibernate for instances you want to hibernate.",
                    instance.id()));
  return {};
}

Result<void> check_startable(const ManagedInstance& instance) {
  const std::string& state = instance.state();
  if (state == instance_state::running || state == instance_state::pending)
    return fail(ErrorKind::conflict, fmt::format("{} is already {}", instance.id(), state),
                "There is nothing to start.");
  if (state != instance_state::stopped)
    return fail(ErrorKind::conflict,
                fmt::format("{} cannot be started (state: {})", instance.id(), state),
                "Only a stopped instance can be started; if it is stopping, wait a moment.");
  return {};
}

Result<StopOutcome> stop_instance(aws::Session& session, const ManagedInstance& instance,
                                  StopKind kind, SystemTime now) {
  if (auto stoppable = check_stoppable(instance, kind); !stoppable)
    return std::unexpected(stoppable.error());
  aws::AwsClient client = session.client_for(instance.region);
  aws::Ec2Client ec2(client);
  auto stopped = ec2.stop_instances(
      {.instance_ids = {instance.id()},
       .mode = kind == StopKind::hibernate ? aws::StopMode::hibernate : aws::StopMode::stop});
  if (!stopped)
    return std::unexpected(stopped.error());
  StopOutcome outcome{ttl_to_save(instance, now), std::nullopt};
  if (auto tagged = ec2.create_tags({instance.id()}, stop_tags(kind, now, outcome.saved_ttl));
      !tagged)
    outcome.tag_error = tagged.error();
  return outcome;
}

Result<StartOutcome> start_instance(aws::Session& session, const ManagedInstance& instance,
                                    SystemTime now) {
  if (auto startable = check_startable(instance); !startable)
    return std::unexpected(startable.error());
  aws::AwsClient client = session.client_for(instance.region);
  aws::Ec2Client ec2(client);
  StartOutcome outcome{saved_ttl(instance)};
  std::vector<aws::Tag> tags{{std::string(instance_tag::last_start_time), format_iso8601(now)}};
  if (outcome.restored_ttl)
    tags.push_back({std::string(instance_tag::ttl), *outcome.restored_ttl});
  if (auto tagged = ec2.create_tags({instance.id()}, tags); !tagged)
    return std::unexpected(tagged.error());
  if (auto started = ec2.start_instances({.instance_ids = {instance.id()}}); !started)
    return std::unexpected(started.error());
  return outcome;
}

}  // namespace spawn::ops
