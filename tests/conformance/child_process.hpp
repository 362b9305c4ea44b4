// Starting the programs the conformance suite drives: the localcloud server (a
// long-running child whose stdout we read line by line) and the AWS CLI (run to
// completion, both streams captured). Children get exactly the environment we
// pass, and die with the test process (PR_SET_PDEATHSIG), so a crashed test
// never leaks a server.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace spawn::conformance {

using Clock = std::chrono::steady_clock;

// One child's end: its exit status (128 + signal when a signal ended it) and what it printed.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  bool timed_out = false;  // killed at the deadline
};

// Runs argv[0] (an absolute path) with `environment` ("NAME=value" entries) and stdin from
// /dev/null, and waits for it; a child still running after `timeout` is killed.
std::expected<CommandResult, std::string> run_command(const std::vector<std::string>& argv,
                                                      const std::vector<std::string>& environment,
                                                      std::chrono::milliseconds timeout);

// A child running in the background with its stdout on a pipe and its stderr in a file.
class BackgroundProcess {
 public:
  // Starts argv with our own environment; stderr goes to `stderr_file`.
  static std::expected<BackgroundProcess, std::string> start(const std::vector<std::string>& argv,
                                                             const std::string& stderr_file);
  BackgroundProcess(BackgroundProcess&& other) noexcept;
  BackgroundProcess& operator=(BackgroundProcess&&) = delete;
  BackgroundProcess(const BackgroundProcess&) = delete;
  ~BackgroundProcess();

  // The next line of stdout (without '\n'), or nullopt at end of output or at the deadline.
  std::optional<std::string> read_line(Clock::time_point deadline);
  // SIGTERM, then waits up to `grace` (SIGKILL after it); returns the exit status.
  int stop(std::chrono::milliseconds grace);
  pid_t pid() const { return pid_; }

 private:
  BackgroundProcess(pid_t pid, int stdout_fd) : pid_(pid), stdout_fd_(stdout_fd) {}

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string pending_;  // bytes read past the last line returned
};

}  // namespace spawn::conformance
