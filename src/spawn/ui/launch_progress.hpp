// The launch's steps on stderr: ops reports by key and msgid, this translates and
// draws them (live on a terminal, plain lines elsewhere) through ui::Progress.
#pragma once

#include <memory>

#include "spawn/context.hpp"
#include "spawn/ops/launch_context.hpp"
#include "spawn/ui/progress.hpp"

namespace spawn::ui {

class LaunchProgress {
 public:
  explicit LaunchProgress(cli::Context& context);
  ops::StepEvents events();
  // Stops redrawing; the lines stay.
  void finish() { progress_.reset(); }

 private:
  std::unique_ptr<Progress> progress_;
};

}  // namespace spawn::ui
