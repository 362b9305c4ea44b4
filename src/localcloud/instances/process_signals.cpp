#include "localcloud/instances/process_signals.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

namespace spawn::localcloud {

namespace {

using SteadyClock = std::chrono::steady_clock;

class Pidfd {
 public:
  explicit Pidfd(int fd) : fd_(fd) {}
  Pidfd(Pidfd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Pidfd& operator=(Pidfd&&) = delete;
  ~Pidfd() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// A pidfd for `process` if it is still the process that was listed.
std::optional<Pidfd> open_same_process(const ProcessInfo& process) {
  auto fd = open_pidfd(process.pid);
  if (!fd) {
    return std::nullopt;
  }
  Pidfd pidfd(*fd);
  auto now = read_process(process.pid);
  if (!now || now->start_time != process.start_time) {
    return std::nullopt;
  }
  return pidfd;
}

bool has_exited(const Pidfd& pidfd) {
  pollfd entry{pidfd.get(), POLLIN, 0};
  return ::poll(&entry, 1, 0) > 0;
}

}  // namespace

Result<int> open_pidfd(pid_t pid) {
  auto fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (fd < 0) {
    return fail(ErrorKind::io, fmt::format("pidfd_open({}): {}", pid, std::strerror(errno)));
  }
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
  return fd;
}

void send_signal(const std::vector<ProcessInfo>& processes, int signal) {
  for (const auto& process : processes) {
    if (auto pidfd = open_same_process(process)) {
      ::syscall(SYS_pidfd_send_signal, pidfd->get(), signal, nullptr, 0);
    }
  }
}

bool wait_until_gone(const std::vector<ProcessInfo>& processes, std::chrono::milliseconds timeout) {
  auto deadline = SteadyClock::now() + timeout;
  std::vector<Pidfd> alive;
  for (const auto& process : processes) {
    if (auto pidfd = open_same_process(process); pidfd && !has_exited(*pidfd)) {
      alive.push_back(std::move(*pidfd));
    }
  }
  while (!alive.empty()) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    if (left.count() <= 0) {
      return false;
    }
    // One pidfd at a time: each poll returns as soon as that process ends.
    pollfd entry{alive.back().get(), POLLIN, 0};
    if (::poll(&entry, 1, static_cast<int>(left.count())) > 0) {
      alive.pop_back();
    }
  }
  return true;
}

}  // namespace spawn::localcloud
