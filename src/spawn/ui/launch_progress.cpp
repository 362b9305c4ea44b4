#include "spawn/ui/launch_progress.hpp"

#include "spawn/ui/catalog.hpp"

namespace spawn::ui {

LaunchProgress::LaunchProgress(cli::Context& context)
    : progress_(std::make_unique<Progress>(context.err(),
                                           context.terminals().err == platform::IsTerminal::yes
                                               ? ProgressMode::live
                                               : ProgressMode::plain,
                                           context.symbols())) {}

ops::StepEvents LaunchProgress::events() {
  Progress* progress = progress_.get();
  return {
      .started = [progress](
                     std::string_view key,
                     std::string_view label) { progress->start(key, std::string(tr(label))); },
      .done = [progress](
                  std::string_view key,
                  const std::string& detail) { progress->done(key, std::string(tr(detail))); },
      .skipped =
          [progress](std::string_view key, const std::string& reason) {
            progress->skipped(key, std::string(tr(reason)));
          },
      .failed = [progress](std::string_view key,
                           std::string reason) { progress->failed(key, std::move(reason)); },
      .note = [progress](const std::string& line) { progress->note(std::string(tr(line))); },
  };
}

}  // namespace spawn::ui
