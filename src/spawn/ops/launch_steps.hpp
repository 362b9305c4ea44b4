// A round of a launch: independent steps run at once, each reported as it starts and
// ends. The round fails with the first error in the order the steps were given, so
// the message a user sees does not depend on which thread lost the race.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "spawn/ops/launch_context.hpp"
#include "util/result.hpp"

namespace spawn::ops {

struct LaunchStep {
  std::string_view key;
  std::string_view label;                    // a catalog msgid
  std::function<Result<std::string>()> run;  // returns the detail shown beside the step
};

Result<void> run_round(const StepEvents& events, std::vector<LaunchStep> steps);

}  // namespace spawn::ops
