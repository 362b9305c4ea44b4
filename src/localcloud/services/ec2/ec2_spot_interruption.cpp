#include "localcloud/services/ec2/ec2_spot_interruption.hpp"

#include "util/time_format.hpp"

namespace spawn::localcloud {
namespace {

constexpr int kNotFoundStatus = 404;

std::optional<ApiError> refusal(const Json& instance) {
  std::string id = instance.value("InstanceId", "");
  if (instance.value("InstanceLifecycle", "") != "spot")
    return client_error("InvalidParameterValue",
                        "The instance '" + id + "' is not a spot instance.");
  InstanceState state = state_of(instance);
  if (state != InstanceState::pending && state != InstanceState::running) {
    return client_error("IncorrectInstanceState", "The instance '" + id +
                                                      "' is not in a state from which it can be "
                                                      "interrupted.");
  }
  return std::nullopt;
}

}  // namespace

std::expected<void, ApiError> announce_spot_interruption(const Ec2Context& context,
                                                         InstanceLifecycle& lifecycle,
                                                         std::string_view instance_id) {
  auto region = region_of_instance(context.deps.store, instance_id);
  if (!region) {
    ApiError error = instances_not_found({std::string(instance_id)});
    error.status = kNotFoundStatus;
    return std::unexpected(error);
  }
  SystemTime action_at = context.deps.clock.now() + context.options.spot_interruption_delay;
  auto announced =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<bool, ApiError> {
        Json* instance = transaction.find(*region, kInstanceKind, instance_id);
        if (instance == nullptr)
          return std::unexpected(instances_not_found({std::string(instance_id)}));
        if (auto error = refusal(*instance))
          return std::unexpected(*error);
        std::string action = instance->value(
            Json::json_pointer("/InstanceMarketOptions/SpotOptions/InstanceInterruptionBehavior"),
            "terminate");
        Json& runtime = runtime_of(*instance);
        runtime[std::string(runtime::kSpotAction)] = {{"action", action},
                                                      {"time", format_iso8601(action_at)}};
        runtime[std::string(runtime::kSpotActionAt)] = epoch_ms(action_at);
        return true;
      });
  if (!announced)
    return std::unexpected(announced.error());
  lifecycle.arm({Timer{*region, std::string(instance_id), Step::spot_interruption,
                       context.options.spot_interruption_delay}});
  return {};
}

}  // namespace spawn::localcloud
