// What a launch has created so far, and how to take each piece away again. A launch
// records an undo step right after each resource exists; if a later step fails or the
// user presses Ctrl-C, the steps run newest first, so nothing it made is left behind
// (ARCHITECTURE decision 4). Steps may be recorded from several threads at once.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace spawn::ops {

class Saga {
 public:
  using Undo = std::function<Result<void>()>;

  // `what` names the resource for messages ("security group sg-0123 in us-east-1").
  void record(std::string what, Undo undo);

  // Runs every undo step, newest first, and forgets them. Returns one line per step
  // that failed ("security group sg-0123 in us-east-1: DependencyViolation ...").
  std::vector<std::string> roll_back();

  // The launch succeeded: what it created stays.
  void commit();

  // What is recorded now, oldest first (for plans and tests).
  std::vector<std::string> recorded() const;

 private:
  struct Step {
    std::string what;
    Undo undo;
  };
  mutable std::mutex mutex_;
  std::vector<Step> steps_;
};

}  // namespace spawn::ops
