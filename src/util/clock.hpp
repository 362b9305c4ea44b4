// Time behind an interface: signing, retry back-off, credential expiry and
// (later) the agent's deadlines are all tested with a fake clock that never
// really sleeps.
#pragma once

#include <chrono>

namespace spawn {

using SystemTime = std::chrono::system_clock::time_point;
using Duration = std::chrono::milliseconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual SystemTime now() const = 0;
  // Blocks for `duration` (a fake records it and advances its time instead).
  virtual void sleep_for(Duration duration) = 0;
};

class SystemClock final : public Clock {
 public:
  SystemTime now() const override;
  void sleep_for(Duration duration) override;
};

// A clock for tests: time moves only when told to, and sleeps are recorded.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(SystemTime start) : now_(start) {}
  SystemTime now() const override { return now_; }
  void sleep_for(Duration duration) override {
    slept += duration;
    now_ += duration;
  }
  void advance(Duration duration) { now_ += duration; }

  Duration slept{0};

 private:
  SystemTime now_;
};

}  // namespace spawn
