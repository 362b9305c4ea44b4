// The timed steps. Each one changes the document in a store write only when the
// instance is still in the state the step finishes, then calls the host outside
// every lock (see ec2_lifecycle.hpp).
#include "localcloud/services/ec2/ec2_lifecycle.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud {
namespace {

// A step with nothing to do leaves the store untouched: the write fails on purpose.
std::unexpected<Error> nothing_to_do() {
  return std::unexpected(Error{ErrorKind::conflict, "the instance moved on", std::nullopt});
}

BootSpec boot_spec(const std::string& region, const Json& instance) {
  auto user_data = base64_decode(instance.value("UserData", ""));
  return BootSpec{instance.value("InstanceId", ""), region, instance.value("PrivateIpAddress", ""),
                  user_data.value_or(""),
                  runtime_flag(instance, runtime::kBooted) ? BootMode::again : BootMode::first};
}

void clear_due(Json& instance) {
  runtime_of(instance).erase(std::string(runtime::kDueAt));
}

// Root and other volumes at termination: deleted when DeleteOnTermination, else detached.
void release_volumes(Transaction& transaction, const std::string& region, Json& instance) {
  for (const Json& mapping : instance.value("BlockDeviceMappings", Json::array())) {
    std::string volume_id = mapping.value(Json::json_pointer("/Ebs/VolumeId"), "");
    Json* volume = transaction.find(region, kVolumeKind, volume_id);
    if (volume == nullptr)
      continue;
    if (mapping.value(Json::json_pointer("/Ebs/DeleteOnTermination"), true)) {
      transaction.erase(region, kVolumeKind, volume_id);
    } else {
      (*volume)["State"] = "available";
      (*volume)["Attachments"] = Json::array();
    }
  }
  instance["BlockDeviceMappings"] = Json::array();
}

}  // namespace

void InstanceLifecycle::boot(const Timer& timer) {
  struct Boot {
    BootSpec spec;
    bool thaw;
  };
  auto planned = context_.deps.store.write([&](Transaction& transaction) -> Result<Boot> {
    Json* instance = transaction.find(timer.region, kInstanceKind, timer.instance_id);
    if (instance == nullptr || state_of(*instance) != InstanceState::pending)
      return nothing_to_do();
    Boot boot{boot_spec(timer.region, *instance), runtime_flag(*instance, runtime::kHibernated)};
    set_state(*instance, InstanceState::running);
    clear_due(*instance);
    runtime_of(*instance)[std::string(runtime::kBooted)] = true;
    runtime_of(*instance).erase(std::string(runtime::kHibernated));
    return boot;
  });
  InstanceHost* host = host_.load();
  if (!planned || host == nullptr)
    return;
  if (planned->thaw) {
    host->thaw(timer.instance_id);
  } else if (!host->boot(planned->spec)) {
    fail_launch(timer);
  }
}

void InstanceLifecycle::restore(const Timer& timer) {
  auto planned = context_.deps.store.write([&](Transaction& transaction) -> Result<BootSpec> {
    Json* instance = transaction.find(timer.region, kInstanceKind, timer.instance_id);
    if (instance == nullptr || state_of(*instance) != InstanceState::running)
      return nothing_to_do();
    BootSpec spec = boot_spec(timer.region, *instance);
    runtime_of(*instance)[std::string(runtime::kBooted)] = true;
    return spec;
  });
  InstanceHost* host = host_.load();
  if (planned && host != nullptr && !host->boot(*planned))
    fail_launch(timer);
}

void InstanceLifecycle::fail_launch(const Timer& timer) {
  auto transition = context_.deps.store.write([&](Transaction& transaction) -> Result<Transition> {
    Json* instance = transaction.find(timer.region, kInstanceKind, timer.instance_id);
    if (instance == nullptr || state_of(*instance) != InstanceState::running)
      return nothing_to_do();
    auto began = begin_termination(*instance, kLaunchFailure, timing());
    if (!began)
      return nothing_to_do();
    return *began;
  });
  if (!transition)
    return;
  std::vector<Timer> timers;
  add_timer(timers, timer.region, *transition, context_.options.boot_delay);
  arm(timers);
}

void InstanceLifecycle::finish_stop(const Timer& timer) {
  auto hibernated = context_.deps.store.write([&](Transaction& transaction) -> Result<bool> {
    Json* instance = transaction.find(timer.region, kInstanceKind, timer.instance_id);
    if (instance == nullptr || state_of(*instance) != InstanceState::stopping)
      return nothing_to_do();
    Json& runtime = runtime_of(*instance);
    bool hibernate = runtime.value(runtime::kStopMode, "stop") == "hibernate";
    set_state(*instance, InstanceState::stopped);
    clear_due(*instance);
    runtime.erase(std::string(runtime::kStopMode));
    if (hibernate)
      runtime[std::string(runtime::kHibernated)] = true;
    return hibernate;
  });
  InstanceHost* host = host_.load();
  if (!hibernated || host == nullptr)
    return;
  if (*hibernated) {
    host->freeze(timer.instance_id);
  } else {
    host->halt(timer.instance_id);
  }
}

void InstanceLifecycle::finish_termination(const Timer& timer) {
  SystemTime purge_at = context_.deps.clock.now() + context_.options.terminated_retention;
  auto done = context_.deps.store.write([&](Transaction& transaction) -> Result<bool> {
    Json* instance = transaction.find(timer.region, kInstanceKind, timer.instance_id);
    if (instance == nullptr || state_of(*instance) != InstanceState::shutting_down)
      return nothing_to_do();
    set_state(*instance, InstanceState::terminated);
    runtime_of(*instance)[std::string(runtime::kDueAt)] = epoch_ms(purge_at);
    runtime_of(*instance).erase(std::string(runtime::kHibernated));
    release_volumes(transaction, timer.region, *instance);
    return true;
  });
  if (!done)
    return;
  if (InstanceHost* host = host_.load())
    host->destroy(timer.instance_id);
  arm({Timer{timer.region, timer.instance_id, Step::purge, context_.options.terminated_retention}});
}

void InstanceLifecycle::purge(const Timer& timer) {
  auto addresses =
      context_.deps.store.write([&](Transaction& transaction) -> Result<std::vector<std::string>> {
        Json* instance = transaction.find(timer.region, kInstanceKind, timer.instance_id);
        if (instance == nullptr || state_of(*instance) != InstanceState::terminated)
          return nothing_to_do();
        std::vector<std::string> held{instance->value("PrivateIpAddress", ""),
                                      instance->value("PublicIpAddress", "")};
        transaction.erase(timer.region, kInstanceKind, timer.instance_id);
        return held;
      });
  if (!addresses)
    return;
  for (const std::string& address : *addresses)
    addresses_.release(address);
}

void InstanceLifecycle::interrupt_spot(const Timer& timer) {
  auto transition = context_.deps.store.write([&](Transaction& transaction) -> Result<Transition> {
    Json* instance = transaction.find(timer.region, kInstanceKind, timer.instance_id);
    if (instance == nullptr || !runtime_time(*instance, runtime::kSpotActionAt))
      return nothing_to_do();
    std::string behaviour = instance->value(
        Json::json_pointer("/InstanceMarketOptions/SpotOptions/InstanceInterruptionBehavior"),
        "terminate");
    auto began =
        behaviour == "terminate"
            ? begin_termination(*instance, kSpotTermination, timing())
            : begin_stop(*instance, behaviour == "hibernate" ? StopMode::hibernate : StopMode::stop,
                         kSpotShutdown, timing());
    if (!began)
      return nothing_to_do();
    return *began;
  });
  if (!transition)
    return;
  std::vector<Timer> timers;
  add_timer(timers, timer.region, *transition, context_.options.boot_delay);
  arm(timers);
}

void InstanceLifecycle::reboot(const Timer& timer) {
  auto instance = context_.deps.store.get(timer.region, kInstanceKind, timer.instance_id);
  InstanceHost* host = host_.load();
  if (!instance || state_of(*instance) != InstanceState::running || host == nullptr)
    return;
  host->halt(timer.instance_id);
  if (!host->boot(boot_spec(timer.region, *instance)))
    fail_launch(timer);
}

}  // namespace spawn::localcloud
