// Between fork() and exec() the child of a multi-threaded program may only make
// async-signal-safe calls, so everything (argv, envp, /dev/null) is prepared
// before the fork and the child only makes system calls. Ignored signals and the
// signal mask survive exec, so the child resets both: a sandbox must not inherit
// localcloud's SIG_IGN for SIGPIPE. Descriptors without close-on-exec (Asio's
// sockets, for one) are closed with close_range so no instance holds another's
// IMDS listener open.
#include "localcloud/instances/start_child.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <string_view>
#include <vector>

namespace spawn::localcloud {

namespace {

constexpr int kExecFailedStatus = 127;

std::vector<char*> pointers_to(const std::vector<std::string>& words) {
  std::vector<char*> pointers;
  pointers.reserve(words.size() + 1);
  for (const auto& word : words) {
    pointers.push_back(const_cast<char*>(word.c_str()));
  }
  pointers.push_back(nullptr);
  return pointers;
}

void write_error(std::string_view what) {
  auto ignored = ::write(STDERR_FILENO, what.data(), what.size());
  (void)ignored;
}

void reset_signals() {
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  for (int signal = 1; signal < NSIG; ++signal) {
    ::sigaction(signal, &default_action, nullptr);
  }
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

[[noreturn]] void become_sandbox(const SandboxLaunch& launch, char* const* argv, char* const* envp,
                                 int null_fd, int output_fd, pid_t parent, int max_fd) {
  ::setsid();
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) {  // the parent died before the line above
    ::_exit(kExecFailedStatus);
  }
  reset_signals();
  ::dup2(null_fd, STDIN_FILENO);
  ::dup2(output_fd, STDOUT_FILENO);
  ::dup2(output_fd, STDERR_FILENO);
  if (::syscall(SYS_close_range, 3U, UINT_MAX, 0U) != 0) {  // Linux < 5.9
    for (int fd = STDERR_FILENO + 1; fd < max_fd; ++fd) {
      ::close(fd);
    }
  }
  if (::chdir(launch.working_dir.c_str()) != 0) {
    write_error("localcloud: cannot enter the sandbox folder\n");
    ::_exit(kExecFailedStatus);
  }
  ::execve(argv[0], argv, envp);
  write_error("localcloud: cannot start the sandbox (exec failed)\n");
  ::_exit(kExecFailedStatus);
}

}  // namespace

Result<pid_t> start_child(const SandboxLaunch& launch, int output_fd) {
  auto argv = pointers_to(launch.argv);
  auto envp = pointers_to(launch.environment);
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd < 0) {
    return fail(ErrorKind::io, fmt::format("cannot open /dev/null: {}", std::strerror(errno)));
  }
  auto parent = ::getpid();
  auto max_fd = static_cast<int>(::sysconf(_SC_OPEN_MAX));
  auto pid = ::fork();
  if (pid == 0) {
    become_sandbox(launch, argv.data(), envp.data(), null_fd, output_fd, parent, max_fd);
  }
  int fork_error = errno;
  ::close(null_fd);
  if (pid < 0) {
    return fail(ErrorKind::io,
                fmt::format("cannot start the sandbox: fork: {}", std::strerror(fork_error)));
  }
  return pid;
}

}  // namespace spawn::localcloud
