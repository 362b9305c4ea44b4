// The live steps of a long command (`spawn launch`): one line per step with its state
// and elapsed time, so the user sees what spawn is waiting for. On a terminal the
// lines are redrawn in place (several steps can run at once: the look-ups before
// RunInstances run in parallel) and a ticker keeps the running times moving; anywhere
// else each change is one plain line, which logs and screen readers read well.
// Steps are named by a key, never by their translated label.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "spawn/ui/symbols.hpp"

namespace spawn::ui {

enum class ProgressMode { live, plain };

class Progress {
 public:
  Progress(std::ostream& out, ProgressMode mode, SymbolStyle symbols);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // A step begins (or begins again with a new label).
  void start(std::string_view key, std::string label);
  // The step ended well; `detail` ("sg-0123, created") follows its time.
  void done(std::string_view key, std::string detail = {});
  // The step was not needed; `reason` says why ("exists").
  void skipped(std::string_view key, std::string reason);
  void failed(std::string_view key, std::string reason);
  // A line that is not a step (a warning, the cost estimate), kept above the steps.
  void note(const std::string& line);

 private:
  enum class State { running, done, skipped, failed };
  struct Step {
    std::string key;
    std::string label;
    std::string detail;
    State state = State::running;
    std::chrono::steady_clock::time_point started;
    std::chrono::steady_clock::duration took{};
  };

  Step& step(std::string_view key);
  void finish(std::string_view key, State state, std::string detail);
  std::string line_of(const Step& step) const;
  void redraw();  // live mode; mutex_ held
  void tick();

  std::ostream& out_;
  ProgressMode mode_;
  SymbolStyle symbols_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool closing_ = false;
  std::vector<Step> steps_;
  int drawn_lines_ = 0;
  std::thread ticker_;
};

// "850ms" under a second, else "1.2s", then "2m05s".
std::string format_elapsed(std::chrono::steady_clock::duration elapsed);

}  // namespace spawn::ui
