// posix_spawnp with two pipes, read with poll() until both close or the deadline
// passes. Details that matter:
// - the pipes are close-on-exec, so a program started concurrently from another
//   thread does not inherit our ends (and keep them open forever);
// - SIGPIPE goes back to its default in the child, even if we ignore it;
// - output past the limit is read and dropped, so a chatty child never blocks on a
//   full pipe;
// - a child that closes its output but keeps running is still bound by the deadline.
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include "platform/process.hpp"

extern char** environ;

namespace spawn::platform {

namespace {

using SteadyTime = std::chrono::steady_clock::time_point;

// How often an exited-but-not-yet-reaped child is checked once its pipes have closed.
constexpr std::chrono::milliseconds kReapPollInterval{5};
constexpr std::size_t kReadChunk = std::size_t{16} * 1024;

class FileDescriptor {
 public:
  FileDescriptor() = default;
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(FileDescriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  FileDescriptor& operator=(FileDescriptor&& other) noexcept {
    reset(std::exchange(other.fd_, -1));
    return *this;
  }
  ~FileDescriptor() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0)
      ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  FileDescriptor read_end;
  FileDescriptor write_end;
};

struct Child {
  pid_t pid = -1;
  FileDescriptor output;
  FileDescriptor error_output;
};

Result<Pipe> make_pipe() {
  std::array<int, 2> fds{};
  if (::pipe2(fds.data(), O_CLOEXEC) != 0) {
    return fail(ErrorKind::io, fmt::format("cannot create a pipe: {}", std::strerror(errno)));
  }
  return Pipe{FileDescriptor(fds[0]), FileDescriptor(fds[1])};
}

std::string spawn_failure(const std::string& program, int error) {
  return fmt::format("cannot run `{}`: {}", program, std::strerror(error));
}

// Spawns the child with its stdout and stderr on the write ends of two pipes.
Result<pid_t> spawn_child(const std::vector<std::string>& argv, ChildStdin child_stdin,
                          const Pipe& output, const Pipe& error_output) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (child_stdin == ChildStdin::null) {
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  }
  posix_spawn_file_actions_adddup2(&actions, output.write_end.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, error_output.write_end.get(), STDERR_FILENO);

  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t default_signals;
  sigemptyset(&default_signals);
  sigaddset(&default_signals, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &default_signals);
  // A caller that waits for signals synchronously (spored) blocks them; its children
  // must not inherit that, or they could not be stopped with SIGTERM.
  sigset_t no_signals;
  sigemptyset(&no_signals);
  posix_spawnattr_setsigmask(&attributes, &no_signals);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  std::vector<char*> arguments;
  arguments.reserve(argv.size() + 1);
  for (const auto& word : argv)
    arguments.push_back(const_cast<char*>(word.c_str()));
  arguments.push_back(nullptr);

  pid_t pid = -1;
  int status =
      posix_spawnp(&pid, argv[0].c_str(), &actions, &attributes, arguments.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (status == ENOENT) {
    return fail(
        ErrorKind::not_found,
        fmt::format("cannot run `{}`: no such program (is it installed and on PATH?)", argv[0]));
  }
  if (status != 0)
    return fail(ErrorKind::io, spawn_failure(argv[0], status));
  return pid;
}

Result<Child> start_child(const std::vector<std::string>& argv, ChildStdin child_stdin) {
  auto output = make_pipe();
  if (!output)
    return std::unexpected(output.error());
  auto error_output = make_pipe();
  if (!error_output)
    return std::unexpected(error_output.error());
  auto pid = spawn_child(argv, child_stdin, *output, *error_output);
  if (!pid)
    return std::unexpected(pid.error());
  // Only the child writes now; closing our copies lets us see end-of-file.
  return Child{*pid, std::move(output->read_end), std::move(error_output->read_end)};
}

int milliseconds_until(SteadyTime deadline) {
  auto left =
      std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::max<std::chrono::milliseconds::rep>(left.count(), 0));
}

// Appends what is readable on `fd` to `sink` (up to `limit`); false at end-of-file.
bool read_some(int fd, std::string& sink, std::size_t limit, bool& truncated) {
  std::array<char, kReadChunk> buffer{};
  ssize_t count = ::read(fd, buffer.data(), buffer.size());
  if (count < 0)
    return errno == EINTR || errno == EAGAIN;
  if (count == 0)
    return false;
  std::size_t room = limit - std::min(limit, sink.size());
  std::size_t kept = std::min(room, static_cast<std::size_t>(count));
  sink.append(buffer.data(), kept);
  if (kept < static_cast<std::size_t>(count))
    truncated = true;
  return true;
}

// Reads both pipes until they close; false when the deadline passed first.
bool collect_output(Child& child, const ProcessOptions& options, SteadyTime deadline,
                    ProcessResult& result) {
  std::array<FileDescriptor*, 2> streams{&child.output, &child.error_output};
  std::array<std::string*, 2> sinks{&result.output, &result.error_output};
  while (child.output.get() >= 0 || child.error_output.get() >= 0) {
    int wait_ms = milliseconds_until(deadline);
    if (wait_ms == 0)
      return false;
    std::array<pollfd, 2> polled{};
    for (std::size_t i = 0; i < streams.size(); ++i)
      polled[i] = {streams[i]->get(), POLLIN, 0};
    if (::poll(polled.data(), polled.size(), wait_ms) < 0 && errno != EINTR)
      return false;
    for (std::size_t i = 0; i < streams.size(); ++i) {
      if (polled[i].fd < 0 || polled[i].revents == 0)
        continue;
      if (!read_some(polled[i].fd, *sinks[i], options.max_output_bytes, result.output_truncated)) {
        streams[i]->reset();
      }
    }
  }
  return true;
}

int exit_code_from(int status) {
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  if (WIFSIGNALED(status))
    return 128 + WTERMSIG(status);
  return -1;
}

// Reaps the child; nullopt when it is still running at the deadline.
std::optional<int> wait_for_exit(pid_t pid, SteadyTime deadline) {
  while (true) {
    int status = 0;
    pid_t reaped = ::waitpid(pid, &status, WNOHANG);
    if (reaped == pid)
      return exit_code_from(status);
    if (reaped < 0 && errno != EINTR)
      return -1;
    if (milliseconds_until(deadline) == 0)
      return std::nullopt;
    ::poll(nullptr, 0, static_cast<int>(kReapPollInterval.count()));
  }
}

void kill_and_reap(pid_t pid) {
  ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

Result<ProcessResult> run_process(const std::vector<std::string>& argv,
                                  const ProcessOptions& options) {
  if (argv.empty() || argv[0].empty())
    return fail(ErrorKind::usage, "no program to run");
  auto deadline = std::chrono::steady_clock::now() + options.timeout;
  auto child = start_child(argv, options.child_stdin);
  if (!child)
    return std::unexpected(child.error());

  ProcessResult result;
  std::optional<int> exit_code;
  if (collect_output(*child, options, deadline, result))
    exit_code = wait_for_exit(child->pid, deadline);
  if (!exit_code) {
    kill_and_reap(child->pid);
    auto seconds = std::chrono::duration<double>(options.timeout).count();
    return fail(ErrorKind::timeout,
                fmt::format("`{}` did not finish within {:g} s and was stopped", argv[0], seconds));
  }
  result.exit_code = *exit_code;
  return result;
}

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Appends the double-quoted text starting at `begin` to `word`; the index of the closing quote.
Result<std::size_t> read_double_quoted(std::string_view command, std::size_t begin,
                                       std::string& word) {
  for (std::size_t i = begin; i < command.size(); ++i) {
    char c = command[i];
    if (c == '"')
      return i;
    bool escapes_next =
        c == '\\' && i + 1 < command.size() && (command[i + 1] == '"' || command[i + 1] == '\\');
    if (escapes_next)
      c = command[++i];
    word += c;
  }
  return fail(ErrorKind::usage,
              fmt::format("unterminated double quote (\") at position {} in the command", begin));
}

// Appends the single-quoted text starting at `begin` to `word`; the index of the closing quote.
Result<std::size_t> read_single_quoted(std::string_view command, std::size_t begin,
                                       std::string& word) {
  std::size_t end = command.find('\'', begin);
  if (end == std::string_view::npos) {
    return fail(ErrorKind::usage,
                fmt::format("unterminated single quote (') at position {} in the command", begin));
  }
  word.append(command.substr(begin, end - begin));
  return end;
}

}  // namespace

Result<std::vector<std::string>> split_command_line(std::string_view command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < command.size(); ++i) {
    char c = command[i];
    if (is_blank(c)) {
      if (in_word)
        words.push_back(std::exchange(word, {}));
      in_word = false;
      continue;
    }
    in_word = true;
    Result<std::size_t> next = i;
    if (c == '\'') {
      next = read_single_quoted(command, i + 1, word);
    } else if (c == '"') {
      next = read_double_quoted(command, i + 1, word);
    } else if (c == '\\') {
      if (i + 1 == command.size())
        return fail(ErrorKind::usage, "the command ends with a lone \\");
      next = i + 1;
      word += command[i + 1];
    } else {
      word += c;
    }
    if (!next)
      return std::unexpected(next.error());
    i = *next;
  }
  if (in_word)
    words.push_back(std::move(word));
  return words;
}

}  // namespace spawn::platform
