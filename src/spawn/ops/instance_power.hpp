// Stopping, hibernating and starting a managed instance (spec §8), keeping its
// TTL honest across the pause: on stop, what is left of the TTL is saved in
// spawn:ttl-remaining; on start it becomes spawn:ttl again *before* the
// instance boots, so spored reads the right limit from its first look at the
// tags (EC2 gives a started instance a new launch time, from which the TTL
// counts). The state checks run before any call, so a refusal changes nothing.
#pragma once

#include <optional>
#include <string>

#include "aws/session.hpp"
#include "core/duration.hpp"
#include "spawn/ops/managed_instance.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::ops {

enum class StopKind { stop, hibernate };

// Whether `instance` can be stopped (or hibernated) now. ErrorKind::conflict when it is
// already stopped or not running, or (hibernate) when it was launched without hibernation.
Result<void> check_stoppable(const ManagedInstance& instance, StopKind kind);

// Whether `instance` can be started now: ErrorKind::conflict unless it is stopped.
Result<void> check_startable(const ManagedInstance& instance);

struct StopOutcome {
  std::optional<Milliseconds> saved_ttl;  // what spawn:ttl-remaining now holds
  std::optional<Error> tag_error;         // the stop was sent but the tags were not written
};

// StopInstances (Hibernate=true for StopKind::hibernate), then tags spawn:last-stop-reason,
// spawn:last-stop-time and, when some TTL is left, spawn:ttl-remaining.
Result<StopOutcome> stop_instance(aws::Session& session, const ManagedInstance& instance,
                                  StopKind kind, SystemTime now);

struct StartOutcome {
  std::optional<std::string> restored_ttl;  // spawn:ttl-remaining, now spawn:ttl again
};

// Tags spawn:last-start-time (and spawn:ttl from spawn:ttl-remaining), then StartInstances.
// A failed tag write stops here: starting with the old TTL would let it run too long.
Result<StartOutcome> start_instance(aws::Session& session, const ManagedInstance& instance,
                                    SystemTime now);

}  // namespace spawn::ops
