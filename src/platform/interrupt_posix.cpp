#include <pthread.h>
#include <signal.h>

#include "platform/interrupt.hpp"

namespace spawn::platform {

namespace {

// The watcher is told to finish with this signal, which nobody else sends to it.
constexpr int kFinish = SIGUSR2;

sigset_t watched_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, kFinish);
  return set;
}

// The mask and actions before the watch began; there is one watch at a time (one launch per
// process).
sigset_t saved_mask;
struct sigaction saved_interrupt_action;
struct sigaction saved_terminate_action;

// A signal whose action is "ignore" (as a shell leaves it for background jobs) is discarded
// even while blocked, and sigwait would never see it: the default action is restored for the
// watch's lifetime (blocked, it never runs).
void take_default_actions() {
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  sigaction(SIGINT, &default_action, &saved_interrupt_action);
  sigaction(SIGTERM, &default_action, &saved_terminate_action);
}

}  // namespace

InterruptWatch::InterruptWatch() {
  sigset_t set = watched_signals();
  pthread_sigmask(SIG_BLOCK, &set, &saved_mask);
  take_default_actions();
  watcher_ = std::thread([this, set] {
    for (;;) {
      int signal = 0;
      if (sigwait(&set, &signal) != 0 || signal == kFinish)
        return;
      stop_.request_stop();
    }
  });
}

InterruptWatch::~InterruptWatch() {
  pthread_kill(watcher_.native_handle(), kFinish);
  watcher_.join();
  sigaction(SIGINT, &saved_interrupt_action, nullptr);
  sigaction(SIGTERM, &saved_terminate_action, nullptr);
  pthread_sigmask(SIG_SETMASK, &saved_mask, nullptr);
}

}  // namespace spawn::platform
