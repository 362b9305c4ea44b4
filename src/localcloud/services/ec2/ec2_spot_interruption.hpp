// A spot interruption, as the admin API triggers it: the notice appears at once
// in the instance's IMDS (spot/instance-action, {"action", "time"}), and when its
// time comes the instance is stopped, hibernated or terminated as its
// InstanceInterruptionBehavior says, with EC2's Server.Spot* state reason.
#pragma once

#include <expected>
#include <string_view>

#include "localcloud/services/ec2/ec2_lifecycle.hpp"

namespace spawn::localcloud {

// InvalidInstanceID.NotFound (HTTP 404) for an unknown instance, InvalidParameterValue for
// an on-demand one, IncorrectInstanceState unless it is pending or running.
std::expected<void, ApiError> announce_spot_interruption(const Ec2Context& context,
                                                         InstanceLifecycle& lifecycle,
                                                         std::string_view instance_id);

}  // namespace spawn::localcloud
