#include "spawn/ui/progress.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace spawn::ui {

namespace {

constexpr auto kTickInterval = std::chrono::milliseconds(200);
constexpr std::string_view kClearLine = "\x1b[2K";

Symbol symbol_of(bool running, bool failed, bool skipped) {
  if (running)
    return Symbol::progress;
  if (failed)
    return Symbol::failed;
  return skipped ? Symbol::skip : Symbol::complete;
}

}  // namespace

std::string format_elapsed(std::chrono::steady_clock::duration elapsed) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
  if (ms < 1000)
    return fmt::format("{}ms", ms);
  if (ms < 60'000)
    return fmt::format("{:.1f}s", static_cast<double>(ms) / 1000.0);
  return fmt::format("{}m{:02}s", ms / 60'000, (ms / 1000) % 60);
}

Progress::Progress(std::ostream& out, ProgressMode mode, SymbolStyle symbols)
    : out_(out), mode_(mode), symbols_(symbols) {
  if (mode_ == ProgressMode::live)
    ticker_ = std::thread([this] { tick(); });
}

Progress::~Progress() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable())
    ticker_.join();
}

void Progress::start(std::string_view key, std::string label) {
  std::lock_guard lock(mutex_);
  Step& entry = step(key);
  entry.label = std::move(label);
  entry.state = State::running;
  entry.detail.clear();
  entry.started = std::chrono::steady_clock::now();
  if (mode_ == ProgressMode::live) {
    redraw();
  } else {
    out_ << line_of(entry) << std::endl;
  }
}

void Progress::done(std::string_view key, std::string detail) {
  finish(key, State::done, std::move(detail));
}

void Progress::skipped(std::string_view key, std::string reason) {
  finish(key, State::skipped, std::move(reason));
}

void Progress::failed(std::string_view key, std::string reason) {
  finish(key, State::failed, std::move(reason));
}

void Progress::note(const std::string& line) {
  std::lock_guard lock(mutex_);
  if (mode_ == ProgressMode::live && drawn_lines_ > 0) {
    out_ << fmt::format("\x1b[{}F\x1b[J", drawn_lines_);
    drawn_lines_ = 0;
  }
  out_ << line << '\n';
  if (mode_ == ProgressMode::live) {
    redraw();
  } else {
    out_.flush();
  }
}

Progress::Step& Progress::step(std::string_view key) {
  auto found = std::find_if(steps_.begin(), steps_.end(),
                            [&](const Step& entry) { return entry.key == key; });
  if (found != steps_.end())
    return *found;
  Step& added = steps_.emplace_back();
  added.key = std::string(key);
  added.started = std::chrono::steady_clock::now();
  return added;
}

void Progress::finish(std::string_view key, State state, std::string detail) {
  std::lock_guard lock(mutex_);
  Step& entry = step(key);
  entry.state = state;
  entry.detail = std::move(detail);
  entry.took = std::chrono::steady_clock::now() - entry.started;
  if (mode_ == ProgressMode::live) {
    redraw();
  } else {
    out_ << line_of(entry) << std::endl;
  }
}

std::string Progress::line_of(const Step& entry) const {
  bool running = entry.state == State::running;
  auto elapsed = running ? std::chrono::steady_clock::now() - entry.started : entry.took;
  std::string text = running ? fmt::format("{}...", entry.label) : entry.label;
  if (!running || mode_ == ProgressMode::live)
    text += fmt::format(" ({})", format_elapsed(elapsed));
  if (!entry.detail.empty())
    text += fmt::format(": {}", entry.detail);
  return format_status(
      symbol_of(running, entry.state == State::failed, entry.state == State::skipped), symbols_,
      text);
}

void Progress::redraw() {
  std::string frame;
  if (drawn_lines_ > 0)
    frame += fmt::format("\x1b[{}F", drawn_lines_);
  for (const Step& entry : steps_)
    frame += fmt::format("{}{}\n", kClearLine, line_of(entry));
  out_ << frame << std::flush;
  drawn_lines_ = static_cast<int>(steps_.size());
}

void Progress::tick() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, kTickInterval, [this] { return closing_; })) {
    bool any_running = std::any_of(steps_.begin(), steps_.end(),
                                   [](const Step& entry) { return entry.state == State::running; });
    if (any_running)
      redraw();
  }
}

}  // namespace spawn::ui
