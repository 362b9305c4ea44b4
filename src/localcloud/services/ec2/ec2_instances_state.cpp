// StartInstances, StopInstances, TerminateInstances and RebootInstances. Every
// named instance is checked and changed in one store write, so a request that
// fails for one instance (unknown, wrong state, protected) changes none; the
// timed steps that finish the transitions are armed only once it committed.
#include <functional>

#include "localcloud/services/ec2/ec2_instance_lookup.hpp"
#include "localcloud/services/ec2/ec2_instance_operations.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"

namespace spawn::localcloud {
namespace {

using Begin = std::function<std::expected<Transition, ApiError>(Json& instance)>;
using Changes = std::vector<StateChange>;

std::expected<Changes, ApiError> change_states(const InstanceServices& services,
                                               const ApiRequest& request, const Begin& begin) {
  auto ids = instance_ids_of(request.params, Need::required);
  if (!ids)
    return std::unexpected(ids.error());
  std::vector<Timer> timers;
  auto outcome = services.context.deps.store.write(
      [&](Transaction& transaction) -> std::expected<Changes, ApiError> {
        auto instances = find_instances(transaction, request.region, *ids);
        if (!instances)
          return std::unexpected(instances.error());
        Changes changes;
        for (Json* instance : *instances) {
          auto transition = begin(*instance);
          if (!transition)
            return std::unexpected(transition.error());
          changes.push_back(transition->change);
          add_timer(timers, request.region, *transition, services.context.options.boot_delay);
        }
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        return changes;
      });
  if (outcome)
    services.lifecycle.arm(timers);
  return outcome;
}

ApiOutcome state_changes_answer(const ApiRequest& request,
                                const std::expected<Changes, ApiError>& changes) {
  if (!changes)
    return std::unexpected(changes.error());
  Ec2Response response(request.operation, request.request_id);
  add_state_changes(response.root(), *changes);
  return response.finish();
}

ApiError not_permitted(const Json& instance, std::string_view action, std::string_view attribute) {
  return client_error("OperationNotPermitted", "The instance '" + instance.value("InstanceId", "") +
                                                   "' may not be " + std::string(action) +
                                                   ". Modify its '" + std::string(attribute) +
                                                   "' instance attribute and try again.");
}

ApiError not_configured_for_hibernation(const Json& instance) {
  return client_error("UnsupportedHibernationConfiguration",
                      "The instance can't be hibernated because it was not configured at launch "
                      "for hibernation: " +
                          instance.value("InstanceId", ""));
}

ApiOutcome start_instances(const InstanceServices& services, const ApiRequest& request) {
  TransitionTiming timing = services.lifecycle.timing();
  return state_changes_answer(request, change_states(services, request, [&](Json& instance) {
                                return begin_start(instance, timing);
                              }));
}

ApiOutcome stop_instances(const InstanceServices& services, const ApiRequest& request) {
  TransitionTiming timing = services.lifecycle.timing();
  StopMode mode = request.params.get_bool("Hibernate") ? StopMode::hibernate : StopMode::stop;
  auto begin = [&](Json& instance) -> std::expected<Transition, ApiError> {
    if (mode == StopMode::hibernate &&
        !instance.value(Json::json_pointer("/HibernationOptions/Configured"), false))
      return std::unexpected(not_configured_for_hibernation(instance));
    if (instance.value("DisableApiStop", false))
      return std::unexpected(not_permitted(instance, "stopped", "disableApiStop"));
    return begin_stop(instance, mode, mode == StopMode::hibernate ? kUserHibernate : kUserShutdown,
                      timing);
  };
  return state_changes_answer(request, change_states(services, request, begin));
}

ApiOutcome terminate_instances(const InstanceServices& services, const ApiRequest& request) {
  TransitionTiming timing = services.lifecycle.timing();
  auto begin = [&](Json& instance) -> std::expected<Transition, ApiError> {
    if (instance.value("DisableApiTermination", false))
      return std::unexpected(not_permitted(instance, "terminated", "disableApiTermination"));
    return begin_termination(instance, kUserShutdown, timing);
  };
  return state_changes_answer(request, change_states(services, request, begin));
}

ApiOutcome reboot_instances(const InstanceServices& services, const ApiRequest& request) {
  auto changes = change_states(services, request, begin_reboot);
  if (!changes)
    return std::unexpected(changes.error());
  return ec2_return_true(request);
}

}  // namespace

void add_instance_state_operations(OperationTable& table, const InstanceServices& services) {
  table["StartInstances"] = [services](const ApiRequest& r) {
    return start_instances(services, r);
  };
  table["StopInstances"] = [services](const ApiRequest& r) { return stop_instances(services, r); };
  table["TerminateInstances"] = [services](const ApiRequest& r) {
    return terminate_instances(services, r);
  };
  table["RebootInstances"] = [services](const ApiRequest& r) {
    return reboot_instances(services, r);
  };
}

}  // namespace spawn::localcloud
