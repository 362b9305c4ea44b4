#include "child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace spawn::conformance {
namespace {

constexpr int kExecFailed = 127;

struct ChildFds {
  int in = -1;
  int out = -1;
  int err = -1;
};

std::string system_error(std::string_view what) {
  return std::string(what) + ": " + std::strerror(errno);
}

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (const std::string& text : strings)
    pointers.push_back(const_cast<char*>(text.c_str()));
  pointers.push_back(nullptr);
  return pointers;
}

// In the child: only async-signal-safe calls until execve.
[[noreturn]] void exec_child(pid_t parent, char** argv, char** envp, ChildFds fds) {
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent)
    _exit(kExecFailed);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  dup2(fds.in, STDIN_FILENO);
  dup2(fds.out, STDOUT_FILENO);
  dup2(fds.err, STDERR_FILENO);
  execve(argv[0], argv, envp);
  _exit(kExecFailed);
}

// Forks and execs; `environment` null means ours. The fds are the child's 0, 1, 2.
std::expected<pid_t, std::string> spawn_child(const std::vector<std::string>& argv,
                                              const std::vector<std::string>* environment,
                                              ChildFds fds) {
  std::vector<char*> args = c_strings(argv);
  std::vector<char*> env = environment ? c_strings(*environment) : std::vector<char*>{};
  char** envp = environment ? env.data() : environ;
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0)
    return std::unexpected(system_error("fork"));
  if (pid == 0)
    exec_child(parent, args.data(), envp, fds);
  return pid;
}

int exit_status(int status) {
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  if (WIFSIGNALED(status))
    return 128 + WTERMSIG(status);
  return -1;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return exit_status(status);
}

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

// Reads both pipes until both reach end of file or the deadline passes.
bool drain(std::array<int, 2> fds, std::array<std::string*, 2> sinks, Clock::time_point deadline) {
  std::array<pollfd, 2> polled{{{fds[0], POLLIN, 0}, {fds[1], POLLIN, 0}}};
  int open_streams = 2;
  char buffer[65536];
  while (open_streams > 0) {
    int ready = poll(polled.data(), polled.size(), remaining_ms(deadline));
    if (ready == 0)
      return false;
    if (ready < 0 && errno != EINTR)
      return false;
    for (std::size_t i = 0; i < polled.size(); ++i) {
      if (polled[i].fd < 0 || polled[i].revents == 0)
        continue;
      ssize_t got = read(polled[i].fd, buffer, sizeof buffer);
      if (got > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        polled[i].fd = -1;
        --open_streams;
      }
    }
  }
  return true;
}

}  // namespace

std::expected<CommandResult, std::string> run_command(const std::vector<std::string>& argv,
                                                      const std::vector<std::string>& environment,
                                                      std::chrono::milliseconds timeout) {
  int out_pipe[2];
  int err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0)
    return std::unexpected(system_error("pipe"));
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    return std::unexpected(system_error("pipe"));
  }
  int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  auto pid = spawn_child(argv, &environment, {null_fd, out_pipe[1], err_pipe[1]});
  close(null_fd);
  close(out_pipe[1]);
  close(err_pipe[1]);
  CommandResult result;
  if (pid) {
    result.timed_out =
        !drain({out_pipe[0], err_pipe[0]}, {&result.out, &result.err}, Clock::now() + timeout);
    if (result.timed_out)
      kill(*pid, SIGKILL);
    result.exit_code = wait_for(*pid);
  }
  close(out_pipe[0]);
  close(err_pipe[0]);
  if (!pid)
    return std::unexpected(pid.error());
  return result;
}

std::expected<BackgroundProcess, std::string> BackgroundProcess::start(
    const std::vector<std::string>& argv, const std::string& stderr_file) {
  int out_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0)
    return std::unexpected(system_error("pipe"));
  int err_fd = open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  auto pid = spawn_child(argv, nullptr, {null_fd, out_pipe[1], err_fd});
  close(null_fd);
  close(err_fd);
  close(out_pipe[1]);
  if (!pid) {
    close(out_pipe[0]);
    return std::unexpected(pid.error());
  }
  return BackgroundProcess(*pid, out_pipe[0]);
}

BackgroundProcess::BackgroundProcess(BackgroundProcess&& other) noexcept
    : pid_(other.pid_), stdout_fd_(other.stdout_fd_), pending_(std::move(other.pending_)) {
  other.pid_ = -1;
  other.stdout_fd_ = -1;
}

BackgroundProcess::~BackgroundProcess() {
  constexpr std::chrono::seconds kGrace{10};
  if (pid_ > 0)
    stop(kGrace);
}

std::optional<std::string> BackgroundProcess::read_line(Clock::time_point deadline) {
  char buffer[4096];
  while (stdout_fd_ >= 0) {
    if (std::size_t end = pending_.find('\n'); end != std::string::npos) {
      std::string line = pending_.substr(0, end);
      pending_.erase(0, end + 1);
      return line;
    }
    pollfd polled{stdout_fd_, POLLIN, 0};
    int ready = poll(&polled, 1, remaining_ms(deadline));
    if (ready == 0)
      return std::nullopt;
    if (ready < 0 && errno == EINTR)
      continue;
    ssize_t got = ready > 0 ? read(stdout_fd_, buffer, sizeof buffer) : -1;
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      return std::nullopt;
    pending_.append(buffer, static_cast<std::size_t>(got));
  }
  return std::nullopt;
}

int BackgroundProcess::stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0)
    return -1;
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
  kill(pid_, SIGTERM);
  if (pidfd >= 0) {
    pollfd polled{pidfd, POLLIN, 0};
    if (poll(&polled, 1, static_cast<int>(grace.count())) == 0)
      kill(pid_, SIGKILL);
    close(pidfd);
  }
  int status = wait_for(pid_);
  pid_ = -1;
  if (stdout_fd_ >= 0)
    close(stdout_fd_);
  stdout_fd_ = -1;
  return status;
}

}  // namespace spawn::conformance
