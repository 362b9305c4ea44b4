#include "spawn/ops/launch_steps.hpp"

#include <optional>

#include "spawn/ops/parallel.hpp"

namespace spawn::ops {

Result<void> run_round(const StepEvents& events, std::vector<LaunchStep> steps) {
  std::vector<std::optional<Error>> errors(steps.size());
  std::vector<std::function<void()>> tasks;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    tasks.emplace_back([&, i] {
      const LaunchStep& step = steps[i];
      events.started(step.key, step.label);
      auto detail = step.run();
      if (detail) {
        events.done(step.key, *detail);
      } else {
        events.failed(step.key, detail.error().message);
        errors[i] = detail.error();
      }
    });
  }
  run_all(std::move(tasks));
  for (auto& error : errors) {
    if (error)
      return std::unexpected(*error);
  }
  return {};
}

}  // namespace spawn::ops
