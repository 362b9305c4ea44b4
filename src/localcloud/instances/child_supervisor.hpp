// The one thread that starts and reaps sandbox processes. Starting them here
// matters: PR_SET_PDEATHSIG fires when the *thread* that forked the child ends,
// and API or timer threads come and go, while this thread lives as long as
// localcloud's instance host. It waits on a pidfd per child and reaps each one as
// soon as it exits, so no sandbox ever lingers as a zombie, and it never calls
// anything outside itself, so waiting for it cannot deadlock.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "localcloud/instances/sandbox_command.hpp"
#include "util/result.hpp"

namespace spawn::localcloud {

class ChildSupervisor {
 public:
  // Starts the thread; fails when the kernel cannot give an eventfd.
  static Result<std::unique_ptr<ChildSupervisor>> create();
  // Stops the thread; children still running then get SIGKILL (their parent thread ends).
  ~ChildSupervisor();
  ChildSupervisor(const ChildSupervisor&) = delete;
  ChildSupervisor& operator=(const ChildSupervisor&) = delete;

  // Starts `launch` from the supervisor's thread (see start_child) with its output on
  // `output_fd`, which stays ours. Returns the child's pid.
  Result<pid_t> start(const SandboxLaunch& launch, int output_fd);
  // Whether `pid` is a child of ours that has not been reaped yet.
  bool running(pid_t pid) const;
  // Waits until `pid` has been reaped, at most `timeout`. True when it has (or was never ours).
  bool wait_reaped(pid_t pid, std::chrono::milliseconds timeout) const;

 private:
  struct StartRequest {
    const SandboxLaunch* launch;
    int output_fd;
    std::promise<Result<pid_t>> result;
  };

  explicit ChildSupervisor(int wake_fd);
  void run();
  void wake() const;
  void start_requested();
  void reap_exited(const std::vector<pid_t>& exited);

  int wake_fd_;  // eventfd: a start request or the stop flag is waiting
  mutable std::mutex mutex_;
  mutable std::condition_variable reaped_;
  std::deque<StartRequest> requests_;  // guarded by mutex_
  std::map<pid_t, int> children_;      // pid -> pidfd, guarded by mutex_
  bool stopping_ = false;              // guarded by mutex_
  std::thread thread_;
};

}  // namespace spawn::localcloud
