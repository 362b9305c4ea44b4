#include "localcloud/services/ec2/ec2_instance_document.hpp"

#include <array>

#include "util/strings.hpp"
#include "util/time_format.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::string_view kRuntimeMember = "Localcloud";

constexpr std::array<InstanceState, 6> kStates{
    InstanceState::pending,    InstanceState::running,  InstanceState::shutting_down,
    InstanceState::terminated, InstanceState::stopping, InstanceState::stopped,
};

}  // namespace

std::string_view state_name(InstanceState state) {
  switch (state) {
    case InstanceState::pending: return "pending";
    case InstanceState::running: return "running";
    case InstanceState::shutting_down: return "shutting-down";
    case InstanceState::terminated: return "terminated";
    case InstanceState::stopping: return "stopping";
    case InstanceState::stopped: return "stopped";
  }
  return "terminated";
}

Json state_json(InstanceState state) {
  return Json{{"Code", static_cast<int>(state)}, {"Name", state_name(state)}};
}

InstanceState state_of(const Json& instance) {
  auto state = instance.find("State");
  if (state == instance.end() || !state->is_object())
    return InstanceState::terminated;
  std::string name = state->value("Name", "");
  for (InstanceState candidate : kStates) {
    if (state_name(candidate) == name)
      return candidate;
  }
  return InstanceState::terminated;
}

void set_state(Json& instance, InstanceState state) {
  instance["State"] = state_json(state);
}

Json& runtime_of(Json& instance) {
  Json& runtime = instance[std::string(kRuntimeMember)];
  if (!runtime.is_object())
    runtime = Json::object();
  return runtime;
}

const Json* runtime_member(const Json& instance, std::string_view key) {
  auto runtime = instance.find(kRuntimeMember);
  if (runtime == instance.end() || !runtime->is_object())
    return nullptr;
  auto member = runtime->find(key);
  return member == runtime->end() ? nullptr : &*member;
}

bool runtime_flag(const Json& instance, std::string_view key) {
  const Json* flag = runtime_member(instance, key);
  return flag != nullptr && flag->is_boolean() && flag->get<bool>();
}

std::optional<std::int64_t> runtime_time(const Json& instance, std::string_view key) {
  const Json* time = runtime_member(instance, key);
  if (time == nullptr || !time->is_number_integer())
    return std::nullopt;
  return time->get<std::int64_t>();
}

std::int64_t epoch_ms(SystemTime time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

SystemTime from_epoch_ms(std::int64_t ms) {
  return SystemTime(std::chrono::milliseconds(ms));
}

std::string ec2_timestamp(SystemTime time) {
  std::string text = format_iso8601(time);  // "2015-12-22T10:44:05Z"
  text.insert(text.size() - 1, ".000");
  return text;
}

std::optional<std::string> region_of_instance(const ResourceStore& store,
                                              std::string_view instance_id) {
  for (const std::string& region : store.regions_with(kInstanceKind)) {
    bool found = false;
    store.read(region, kInstanceKind,
               [&](const ResourceMap& instances) { found = instances.contains(instance_id); });
    if (found)
      return region;
  }
  return std::nullopt;
}

ApiError instances_not_found(const std::vector<std::string>& instance_ids) {
  if (instance_ids.size() == 1) {
    return client_error("InvalidInstanceID.NotFound",
                        "The instance ID '" + instance_ids.front() + "' does not exist");
  }
  return client_error("InvalidInstanceID.NotFound",
                      "The instance IDs '" + join(instance_ids, ", ") + "' do not exist");
}

}  // namespace spawn::localcloud
