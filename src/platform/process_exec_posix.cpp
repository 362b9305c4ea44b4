// Programs that take our place (exec_process) or outlive us (start_detached_process),
// and signalling a process that is not our child.
// A detached program is started with a double fork: the middle process makes a new
// session and exits at once, so the program is nobody's child once we have collected
// the middle one (no zombie while we run on, adopted by init when it ends). Between fork
// and exec only async-signal-safe calls are made, so everything (the program's path,
// argv, the log file) is prepared before. A close-on-exec pipe brings back the
// program's pid and, if exec fails, its errno; end-of-file means it runs.
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <climits>
#include <cstring>

#include "platform/process.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

extern char** environ;

namespace spawn::platform {

namespace {

constexpr int kExecFailedStatus = 127;

// What the forked processes tell the parent through the pipe.
struct Report {
  enum Kind : int { started_pid, exec_errno, fork_errno } kind;
  int value;
};

std::vector<char*> pointers_to(const std::vector<std::string>& words) {
  std::vector<char*> pointers;
  pointers.reserve(words.size() + 1);
  for (const auto& word : words)
    pointers.push_back(const_cast<char*>(word.c_str()));
  pointers.push_back(nullptr);
  return pointers;
}

Error start_failure(const std::string& program, int error) {
  if (error == ENOENT) {
    return Error{
        ErrorKind::not_found,
        fmt::format("cannot run `{}`: no such program (is it installed and on PATH?)", program),
        std::nullopt};
  }
  return Error{ErrorKind::io, fmt::format("cannot run `{}`: {}", program, std::strerror(error)),
               std::nullopt};
}

// Our PATH, or the one `environment` sets when it is given.
std::string search_path(const std::optional<std::vector<std::string>>& environment) {
  constexpr std::string_view kPathPrefix = "PATH=";
  if (environment) {
    for (const auto& variable : *environment) {
      if (variable.starts_with(kPathPrefix))
        return variable.substr(kPathPrefix.size());
    }
  }
  const char* path = std::getenv("PATH");
  return path != nullptr ? path : "/usr/bin:/bin";
}

// The program's path as execve needs it: argv[0] itself when it has a '/', else the first
// executable of that name on `path`.
Result<std::string> program_path(const std::string& program, const std::string& path) {
  if (program.find('/') != std::string::npos)
    return program;
  for (const auto& folder : split(path, ':')) {
    std::string candidate = (folder.empty() ? std::string(".") : folder) + "/" + program;
    struct stat status {};
    if (::stat(candidate.c_str(), &status) == 0 && S_ISREG(status.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0)
      return candidate;
  }
  return std::unexpected(start_failure(program, ENOENT));
}

void send(int fd, Report report) {
  auto ignored = ::write(fd, &report, sizeof report);
  (void)ignored;
}

void close_all_but(int kept_fd, int max_fd) {
  auto kept = static_cast<unsigned>(kept_fd);
  if (::syscall(SYS_close_range, 3U, kept - 1, 0U) == 0 &&
      ::syscall(SYS_close_range, kept + 1, UINT_MAX, 0U) == 0) {
    return;
  }
  for (int fd = STDERR_FILENO + 1; fd < max_fd; ++fd) {  // Linux < 5.9
    if (fd != kept_fd)
      ::close(fd);
  }
}

struct DetachedChild {
  const char* path;
  char* const* argv;
  int null_fd;
  int log_fd;
  int report_fd;
  int max_fd;
};

[[noreturn]] void become_program(const DetachedChild& child) {
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::signal(SIGPIPE, SIG_DFL);
  ::dup2(child.null_fd, STDIN_FILENO);
  ::dup2(child.log_fd, STDOUT_FILENO);
  ::dup2(child.log_fd, STDERR_FILENO);
  close_all_but(child.report_fd, child.max_fd);
  ::execve(child.path, child.argv, environ);
  send(child.report_fd, {Report::exec_errno, errno});
  ::_exit(kExecFailedStatus);
}

[[noreturn]] void become_middle(const DetachedChild& child) {
  ::setsid();
  pid_t pid = ::fork();
  if (pid == 0)
    become_program(child);
  send(child.report_fd,
       pid > 0 ? Report{Report::started_pid, pid} : Report{Report::fork_errno, errno});
  ::_exit(0);
}

// Reads the reports until the pipe closes; the program's pid, or why it did not start.
Result<int> read_reports(int fd, const std::string& program) {
  std::optional<int> pid;
  Report report{};
  while (true) {
    ssize_t count = ::read(fd, &report, sizeof report);
    if (count < 0 && errno == EINTR)
      continue;
    if (count != static_cast<ssize_t>(sizeof report))
      break;
    if (report.kind != Report::started_pid)
      return std::unexpected(start_failure(program, report.value));
    pid = report.value;
  }
  if (!pid)
    return std::unexpected(start_failure(program, ECHILD));
  return *pid;
}

}  // namespace

Error exec_process(const std::vector<std::string>& argv,
                   const std::optional<std::vector<std::string>>& environment) {
  if (argv.empty() || argv[0].empty())
    return Error{ErrorKind::usage, "no program to run", std::nullopt};
  auto path = program_path(argv[0], search_path(environment));
  if (!path)
    return path.error();
  auto arguments = pointers_to(argv);
  auto variables = environment ? pointers_to(*environment) : std::vector<char*>{};
  ::execve(path->c_str(), arguments.data(), environment ? variables.data() : environ);
  return start_failure(argv[0], errno);
}

Result<int> start_detached_process(const std::vector<std::string>& argv,
                                   const std::filesystem::path& log_file) {
  if (argv.empty() || argv[0].empty())
    return fail(ErrorKind::usage, "no program to run");
  auto path = program_path(argv[0], search_path(std::nullopt));
  if (!path)
    return std::unexpected(path.error());
  int log_fd = ::open(log_file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (log_fd < 0) {
    return fail(ErrorKind::io,
                fmt::format("cannot open {}: {}", log_file.string(), std::strerror(errno)));
  }
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  std::array<int, 2> report{-1, -1};
  if (null_fd < 0 || ::pipe2(report.data(), O_CLOEXEC) != 0) {
    int error = errno;
    for (int fd : {log_fd, null_fd})
      if (fd >= 0)
        ::close(fd);
    return fail(ErrorKind::io, fmt::format("cannot start `{}`: {}", argv[0], std::strerror(error)));
  }
  auto arguments = pointers_to(argv);
  DetachedChild child{path->c_str(), arguments.data(), null_fd,
                      log_fd,        report[1],        static_cast<int>(::sysconf(_SC_OPEN_MAX))};
  pid_t middle = ::fork();
  if (middle == 0)
    become_middle(child);
  int fork_error = errno;
  for (int fd : {log_fd, null_fd, report[1]})
    ::close(fd);
  Result<int> started = middle < 0 ? std::unexpected(start_failure(argv[0], fork_error))
                                   : read_reports(report[0], argv[0]);
  ::close(report[0]);
  if (middle > 0) {
    int status = 0;
    while (::waitpid(middle, &status, 0) < 0 && errno == EINTR) {
    }
  }
  return started;
}

std::optional<std::filesystem::path> find_on_path(std::string_view program,
                                                  const Environment& env) {
  auto path = env.get_nonempty("PATH");
  if (!path)
    return std::nullopt;
  auto found = program_path(std::string(program), *path);
  if (!found)
    return std::nullopt;
  return std::filesystem::path(*found);
}

// Linux: whether the process has ended and waits to be collected ('Z' in /proc/PID/stat).
bool is_zombie(int pid) {
  auto stat = read_file(fmt::format("/proc/{}/stat", pid));
  if (!stat)
    return false;
  auto name_end = stat->rfind(')');  // the name may contain spaces and parentheses
  return name_end != std::string::npos && name_end + 2 < stat->size() &&
         (*stat)[name_end + 2] == 'Z';
}

bool process_exists(int pid) {
  // A detached process is reaped by init; where init does not reap, the zombie is gone too.
  return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM) && !is_zombie(pid);
}

Result<void> request_process_stop(int pid) {
  if (pid <= 0)
    return fail(ErrorKind::usage, fmt::format("{} is not a process id", pid));
  if (::kill(pid, SIGTERM) == 0)
    return {};
  int error = errno;
  return fail(error == ESRCH ? ErrorKind::not_found : ErrorKind::io,
              fmt::format("cannot stop process {}: {}", pid, std::strerror(error)));
}

}  // namespace spawn::platform
