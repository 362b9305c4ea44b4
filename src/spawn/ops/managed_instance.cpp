#include "spawn/ops/managed_instance.hpp"

#include <fmt/format.h>

namespace spawn::ops {

std::optional<std::string> ManagedInstance::tag(std::string_view key) const {
  auto found = tags.find(key);
  if (found == tags.end())
    return std::nullopt;
  return found->second;
}

std::string ManagedInstance::name() const {
  return tag(instance_tag::name).value_or("");
}

bool ManagedInstance::is_managed() const {
  return tag(instance_tag::managed) == "true";
}

std::optional<Milliseconds> ManagedInstance::ttl() const {
  auto text = tag(instance_tag::ttl);
  if (!text)
    return std::nullopt;
  auto parsed = parse_duration(*text);
  if (!parsed)
    return std::nullopt;
  return *parsed;
}

std::optional<SystemTime> ManagedInstance::deadline() const {
  auto limit = ttl();
  if (!limit || !instance.launch_time)
    return std::nullopt;
  return *instance.launch_time + *limit;
}

std::optional<Milliseconds> ManagedInstance::ttl_left(SystemTime now) const {
  auto until = deadline();
  if (!until)
    return std::nullopt;
  return std::chrono::duration_cast<Milliseconds>(*until - now);
}

Milliseconds ManagedInstance::age(SystemTime now) const {
  if (!instance.launch_time || now < *instance.launch_time)
    return Milliseconds::zero();
  return std::chrono::duration_cast<std::chrono::seconds>(now - *instance.launch_time);
}

ManagedInstance make_managed_instance(aws::Instance instance, std::string region) {
  ManagedInstance managed{std::move(instance), std::move(region), {}};
  for (const auto& tag : managed.instance.tags)
    managed.tags[tag.key] = tag.value;
  return managed;
}

std::string display_name(const ManagedInstance& instance) {
  std::string name = instance.name();
  return name.empty() ? instance.id() : fmt::format("{} ({})", instance.id(), name);
}

}  // namespace spawn::ops
