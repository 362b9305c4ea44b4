#include "spawn/ops/instance_ttl.hpp"

#include <fmt/format.h>

namespace spawn::ops {

Result<Milliseconds> extended_ttl(const ManagedInstance& instance, Milliseconds extension,
                                  SystemTime now) {
  Milliseconds current = instance.ttl().value_or(instance.age(now));
  if (extension > kLongestDuration - current) {
    return fail(
        ErrorKind::usage,
        fmt::format("the TTL would become {}, longer than spawn allows ({})",
                    format_duration(current + extension), format_duration(kLongestDuration)),
        "Extend by less; terminate and launch again for work that runs longer.");
  }
  return current + extension;
}

std::optional<Milliseconds> ttl_to_save(const ManagedInstance& instance, SystemTime now) {
  auto left = instance.ttl_left(now);
  if (!left)
    return std::nullopt;
  auto whole_seconds = std::chrono::duration_cast<std::chrono::seconds>(*left);
  if (whole_seconds <= std::chrono::seconds::zero())
    return std::nullopt;
  return whole_seconds;
}

}  // namespace spawn::ops
