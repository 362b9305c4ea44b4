#include "localcloud/instances/child_supervisor.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <vector>

#include "localcloud/instances/process_signals.hpp"
#include "localcloud/instances/start_child.hpp"

namespace spawn::localcloud {

Result<std::unique_ptr<ChildSupervisor>> ChildSupervisor::create() {
  int wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd < 0) {
    return fail(ErrorKind::io, fmt::format("eventfd: {}", std::strerror(errno)));
  }
  return std::unique_ptr<ChildSupervisor>(new ChildSupervisor(wake_fd));
}

ChildSupervisor::ChildSupervisor(int wake_fd) : wake_fd_(wake_fd), thread_([this] { run(); }) {}

ChildSupervisor::~ChildSupervisor() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake();
  thread_.join();
  // The thread's end sent SIGKILL to every child left; collect them.
  for (auto [pid, pidfd] : children_) {
    ::waitpid(pid, nullptr, 0);
    ::close(pidfd);
  }
  ::close(wake_fd_);
}

Result<pid_t> ChildSupervisor::start(const SandboxLaunch& launch, int output_fd) {
  std::future<Result<pid_t>> result;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      return fail(ErrorKind::conflict, "localcloud is shutting down");
    }
    requests_.push_back(StartRequest{&launch, output_fd, {}});
    result = requests_.back().result.get_future();
  }
  wake();
  return result.get();
}

bool ChildSupervisor::running(pid_t pid) const {
  std::lock_guard lock(mutex_);
  return children_.contains(pid);
}

bool ChildSupervisor::wait_reaped(pid_t pid, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return reaped_.wait_for(lock, timeout, [&] { return !children_.contains(pid); });
}

void ChildSupervisor::wake() const {
  std::uint64_t one = 1;
  auto ignored = ::write(wake_fd_, &one, sizeof one);
  (void)ignored;
}

void ChildSupervisor::run() {
  std::vector<pollfd> watched;
  std::vector<pid_t> pids;  // pids[i] goes with watched[i + 1]
  while (true) {
    watched.assign(1, pollfd{wake_fd_, POLLIN, 0});
    pids.clear();
    {
      std::lock_guard lock(mutex_);
      if (stopping_) {
        return;
      }
      for (auto [pid, pidfd] : children_) {
        watched.push_back(pollfd{pidfd, POLLIN, 0});
        pids.push_back(pid);
      }
    }
    if (::poll(watched.data(), watched.size(), -1) <= 0) {
      continue;  // EINTR
    }
    std::vector<pid_t> exited;
    for (std::size_t i = 1; i < watched.size(); ++i) {
      if (watched[i].revents != 0) {
        exited.push_back(pids[i - 1]);
      }
    }
    reap_exited(exited);
    if (watched[0].revents != 0) {
      std::uint64_t count = 0;
      auto ignored = ::read(wake_fd_, &count, sizeof count);
      (void)ignored;
      start_requested();
    }
  }
}

void ChildSupervisor::start_requested() {
  std::deque<StartRequest> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(requests_);
  }
  for (auto& request : batch) {
    auto pid = start_child(*request.launch, request.output_fd);
    if (!pid) {
      request.result.set_value(std::unexpected(pid.error()));
      continue;
    }
    auto pidfd = open_pidfd(*pid);
    if (!pidfd) {  // without a pidfd the child could not be watched: do not keep it
      ::kill(*pid, SIGKILL);
      ::waitpid(*pid, nullptr, 0);
      request.result.set_value(std::unexpected(pidfd.error()));
      continue;
    }
    {
      std::lock_guard lock(mutex_);
      children_.emplace(*pid, *pidfd);
    }
    request.result.set_value(*pid);
  }
}

void ChildSupervisor::reap_exited(const std::vector<pid_t>& exited) {
  if (exited.empty()) {
    return;
  }
  {
    std::lock_guard lock(mutex_);
    for (auto pid : exited) {
      if (::waitpid(pid, nullptr, WNOHANG) == pid) {
        ::close(children_[pid]);
        children_.erase(pid);
      }
    }
  }
  reaped_.notify_all();
}

}  // namespace spawn::localcloud
