// The lifecycle's frame: arming steps, restart recovery, shutdown and reset.
// The steps themselves are in ec2_lifecycle_steps.cpp.
#include "localcloud/services/ec2/ec2_lifecycle.hpp"

#include <algorithm>

namespace spawn::localcloud {
namespace {

using std::chrono::milliseconds;

// How long until the runtime time `key` of `instance`, never negative (0 when unset).
milliseconds remaining(const Json& instance, std::string_view key, SystemTime now) {
  auto due = runtime_time(instance, key);
  if (!due)
    return milliseconds(0);
  return std::max(milliseconds(0),
                  std::chrono::duration_cast<milliseconds>(from_epoch_ms(*due) - now));
}

// Frozen processes did not survive the restart: hibernated instances become plain stopped
// ones, and hibernations in progress become plain stops.
void forget_frozen_processes(Json& instance) {
  Json& runtime = runtime_of(instance);
  runtime.erase(std::string(runtime::kHibernated));
  if (runtime.contains(runtime::kStopMode))
    runtime[std::string(runtime::kStopMode)] = "stop";
}

bool has_frozen_processes(const Json& instance) {
  const Json* stop_mode = runtime_member(instance, runtime::kStopMode);
  return runtime_flag(instance, runtime::kHibernated) ||
         (state_of(instance) == InstanceState::stopping && stop_mode != nullptr &&
          *stop_mode == "hibernate");
}

}  // namespace

void add_timer(std::vector<Timer>& timers, std::string_view region, const Transition& transition,
               milliseconds delay) {
  if (transition.next) {
    timers.push_back(
        Timer{std::string(region), transition.change.instance_id, *transition.next, delay});
  }
}

InstanceLifecycle::InstanceLifecycle(const Ec2Context& context, IpAllocator& addresses)
    : context_(context), addresses_(addresses), host_(context.deps.instances) {}

TransitionTiming InstanceLifecycle::timing() const {
  return TransitionTiming{context_.deps.clock.now(), context_.options.boot_delay};
}

void InstanceLifecycle::arm(const std::vector<Timer>& timers) {
  for (const Timer& timer : timers)
    scheduler_.after(timer.delay, [this, timer] { run(timer); });
}

void InstanceLifecycle::run(const Timer& timer) {
  switch (timer.step) {
    case Step::boot: return boot(timer);
    case Step::finish_stop: return finish_stop(timer);
    case Step::finish_termination: return finish_termination(timer);
    case Step::purge: return purge(timer);
    case Step::spot_interruption: return interrupt_spot(timer);
    case Step::reboot: return reboot(timer);
    case Step::restore: return restore(timer);
  }
}

std::vector<std::pair<std::string, Json>> InstanceLifecycle::all_instances() const {
  std::vector<std::pair<std::string, Json>> out;
  const ResourceStore& store = context_.deps.store;
  for (const std::string& region : store.regions_with(kInstanceKind)) {
    store.read(region, kInstanceKind, [&](const ResourceMap& instances) {
      for (const auto& [id, instance] : instances)
        out.emplace_back(region, instance);
    });
  }
  return out;
}

std::vector<Timer> InstanceLifecycle::resume(const std::string& region, const Json& instance) {
  SystemTime now = context_.deps.clock.now();
  std::string id = instance.value("InstanceId", "");
  std::vector<Timer> timers;
  auto after = [&](Step step, std::string_view key) {
    timers.push_back(Timer{region, id, step, remaining(instance, key, now)});
  };
  switch (state_of(instance)) {
    case InstanceState::pending: after(Step::boot, runtime::kDueAt); break;
    case InstanceState::running: after(Step::restore, ""); break;
    case InstanceState::stopping: after(Step::finish_stop, runtime::kDueAt); break;
    case InstanceState::shutting_down: after(Step::finish_termination, runtime::kDueAt); break;
    case InstanceState::terminated: after(Step::purge, runtime::kDueAt); break;
    case InstanceState::stopped: break;
  }
  if (runtime_time(instance, runtime::kSpotActionAt))
    after(Step::spot_interruption, runtime::kSpotActionAt);
  return timers;
}

void InstanceLifecycle::resume_after_restart() {
  auto instances = all_instances();
  (void)context_.deps.store.write([&](Transaction& transaction) -> Result<bool> {
    for (auto& [region, instance] : instances) {
      if (!has_frozen_processes(instance))
        continue;
      std::string id = instance.value("InstanceId", "");
      forget_frozen_processes(instance);
      if (Json* stored = transaction.find(region, kInstanceKind, id))
        forget_frozen_processes(*stored);
    }
    return true;
  });
  for (const auto& [region, instance] : instances)
    arm(resume(region, instance));
}

void InstanceLifecycle::halt_all() {
  scheduler_.stop();
  InstanceHost* host = host_.load();
  if (host == nullptr)
    return;
  for (const auto& [region, instance] : all_instances()) {
    if (runtime_flag(instance, runtime::kBooted) && state_of(instance) != InstanceState::terminated)
      host->halt(instance.value("InstanceId", ""));
  }
}

void InstanceLifecycle::reset() {
  scheduler_.drop_pending_then([&] {
    if (InstanceHost* host = host_.load()) {
      for (const auto& [region, instance] : all_instances()) {
        if (runtime_flag(instance, runtime::kBooted) &&
            state_of(instance) != InstanceState::terminated)
          host->destroy(instance.value("InstanceId", ""));
      }
    }
    addresses_.clear();
  });
}

}  // namespace spawn::localcloud
