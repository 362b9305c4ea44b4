#include "spored/instance_facts.hpp"

namespace spawn::spored {

Result<InstanceFacts> read_instance_facts(aws::ImdsClient& imds) {
  auto identity = imds.identity_document();
  if (!identity)
    return std::unexpected(identity.error());
  // Older instances and other clouds' emulations may not answer instance-life-cycle;
  // only a clear "spot" makes the agent poll for interruption notices.
  auto lifecycle = imds.get("instance-life-cycle");
  return InstanceFacts{
      .instance_id = identity->instance_id,
      .region = identity->region,
      .account_id = identity->account_id,
      .launch_time = identity->pending_time,
      .spot = lifecycle && *lifecycle == "spot",
  };
}

}  // namespace spawn::spored
