// The TTL arithmetic of `spawn extend` and `spawn stop`, pure so it is tested
// without AWS. spored measures the TTL from the launch time (spec §6 [REC],
// ARCHITECTURE decision 5), so extending adds to the TTL itself: the deadline
// moves by exactly the extension. An instance without a TTL gets one that ends
// `extension` from now. On stop, what is left is saved; `spawn start` writes it
// back as the TTL, because EC2 gives a started instance a new launch time.
#pragma once

#include <optional>

#include "core/duration.hpp"
#include "spawn/ops/managed_instance.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// The TTL after extending by `extension` at `now`: spawn:ttl + extension, or without a
// readable TTL the instance's age + extension. ErrorKind::usage when the sum is longer than
// kLongestDuration (parse_duration would refuse the tag).
Result<Milliseconds> extended_ttl(const ManagedInstance& instance, Milliseconds extension,
                                  SystemTime now);

// What is left of the TTL at `now`, in whole seconds, when there is some; nullopt without a
// TTL or once the deadline has passed.
std::optional<Milliseconds> ttl_to_save(const ManagedInstance& instance, SystemTime now);

}  // namespace spawn::ops
