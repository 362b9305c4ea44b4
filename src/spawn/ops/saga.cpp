#include "spawn/ops/saga.hpp"

#include <fmt/format.h>

#include <ranges>

namespace spawn::ops {

void Saga::record(std::string what, Undo undo) {
  std::lock_guard lock(mutex_);
  steps_.push_back({std::move(what), std::move(undo)});
}

std::vector<std::string> Saga::roll_back() {
  std::vector<Step> steps;
  {
    std::lock_guard lock(mutex_);
    steps.swap(steps_);
  }
  std::vector<std::string> failures;
  for (Step& step : std::views::reverse(steps)) {
    if (auto undone = step.undo(); !undone)
      failures.push_back(fmt::format("{}: {}", step.what, undone.error().message));
  }
  return failures;
}

void Saga::commit() {
  std::lock_guard lock(mutex_);
  steps_.clear();
}

std::vector<std::string> Saga::recorded() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> names;
  names.reserve(steps_.size());
  for (const Step& step : steps_)
    names.push_back(step.what);
  return names;
}

}  // namespace spawn::ops
