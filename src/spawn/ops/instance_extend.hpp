// `spawn extend` on one instance: check it may be extended, add the extension
// to its TTL (instance_ttl.hpp) and write the tag. spored reads its tags again
// every minute, so the new deadline takes effect without reaching the instance.
#pragma once

#include <optional>

#include "aws/session.hpp"
#include "core/duration.hpp"
#include "spawn/ops/managed_instance.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// How often spored reads its tags again (its --config-interval default).
inline constexpr std::chrono::minutes kAgentTagRefresh{1};

struct ExtendOutcome {
  std::optional<Milliseconds> old_ttl;  // nullopt: the instance had no (readable) TTL
  std::optional<SystemTime> old_deadline;
  Milliseconds new_ttl{};
  SystemTime new_deadline{};
};

// Whether `instance` can be extended: ErrorKind::conflict unless it is running.
Result<void> check_extendable(const ManagedInstance& instance);

// The outcome of extending by `extension` at `now`, without calling AWS.
Result<ExtendOutcome> plan_extension(const ManagedInstance& instance, Milliseconds extension,
                                     SystemTime now);

// plan_extension, then CreateTags spawn:ttl=<new TTL> in the instance's region.
Result<ExtendOutcome> extend_instance(aws::Session& session, const ManagedInstance& instance,
                                      Milliseconds extension, SystemTime now);

}  // namespace spawn::ops
