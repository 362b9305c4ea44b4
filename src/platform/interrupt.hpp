// Ctrl-C as a request to stop, not a kill: while an InterruptWatch lives, SIGINT and
// SIGTERM no longer end the process; the first one asks `stop_token()` to stop, so a
// launch can undo what it created before it exits. A second Ctrl-C while undoing is
// also only recorded; the user sees what is being removed (a half-undone launch is
// the leftover we promise never to leave). The signals are taken by one thread with
// sigwait, so no work happens inside a signal handler.
#pragma once

#include <stop_token>
#include <thread>

namespace spawn::platform {

class InterruptWatch {
 public:
  // Blocks SIGINT and SIGTERM in the calling thread (and so in threads it starts later) and
  // starts the watching thread. Create it before starting worker threads.
  InterruptWatch();
  // Restores the signal mask the process had.
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  std::stop_token stop_token() const { return stop_.get_token(); }
  bool interrupted() const { return stop_.stop_requested(); }

 private:
  std::stop_source stop_;
  std::thread watcher_;
};

}  // namespace spawn::platform
