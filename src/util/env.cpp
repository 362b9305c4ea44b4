#include "util/env.hpp"

#include <cstdlib>

namespace spawn {

std::optional<std::string> Environment::get_nonempty(std::string_view name) const {
  auto value = get(name);
  if (value && value->empty())
    return std::nullopt;
  return value;
}

std::optional<std::string> ProcessEnvironment::get(std::string_view name) const {
  const char* value = std::getenv(std::string(name).c_str());
  if (value == nullptr)
    return std::nullopt;
  return std::string(value);
}

std::optional<std::string> MapEnvironment::get(std::string_view name) const {
  auto it = vars_.find(name);
  if (it == vars_.end())
    return std::nullopt;
  return it->second;
}

void MapEnvironment::unset(std::string_view name) {
  auto it = vars_.find(name);
  if (it != vars_.end())
    vars_.erase(it);
}

std::optional<std::string> OverlayEnvironment::get(std::string_view name) const {
  auto it = overrides_.find(name);
  if (it == overrides_.end())
    return base_.get(name);
  return it->second;
}

void OverlayEnvironment::set(std::string name, std::string value) {
  overrides_[std::move(name)] = std::move(value);
}

void OverlayEnvironment::unset(std::string name) {
  overrides_[std::move(name)] = std::nullopt;
}

}  // namespace spawn
