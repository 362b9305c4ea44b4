// Running another program and capturing what it prints, without a shell: the
// credential_process of an AWS profile, and later ssh and friends. POSIX
// implementation in process_posix.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::platform {

inline constexpr std::chrono::seconds kDefaultProcessTimeout{60};
inline constexpr std::size_t kDefaultMaxOutputBytes = std::size_t{1024} * 1024;

// What the child reads on its standard input.
enum class ChildStdin {
  null,     // /dev/null: the child cannot wait for input
  inherit,  // ours: the child may prompt the user (MFA codes, passwords)
};

struct ProcessOptions {
  std::chrono::milliseconds timeout = kDefaultProcessTimeout;  // then the child is killed
  std::size_t max_output_bytes = kDefaultMaxOutputBytes;       // per stream; the rest is dropped
  ChildStdin child_stdin = ChildStdin::null;
};

struct ProcessResult {
  int exit_code = 0;         // the exit status, or 128 + the signal number when a signal ended it
  std::string output;        // standard output, at most max_output_bytes
  std::string error_output;  // standard error, at most max_output_bytes
  bool output_truncated = false;  // either stream was longer than max_output_bytes
};

// Runs argv[0] (looked up on PATH when it has no '/') with argv as its arguments and waits
// for it. A non-zero exit is not an error; a program that cannot be started is
// (ErrorKind::not_found when it does not exist), and one still running at the timeout is
// killed (ErrorKind::timeout).
Result<ProcessResult> run_process(const std::vector<std::string>& argv,
                                  const ProcessOptions& options);

// Replaces this process with argv[0], keeping stdio, so the user talks to it directly (ssh,
// a shell). With `environment` ("NAME=value" entries) the program gets exactly those
// variables, else ours; a name without '/' is looked up on the PATH it will get. Returns only when
// the program could not be started: ErrorKind::not_found when it does not exist, io otherwise.
Error exec_process(const std::vector<std::string>& argv,
                   const std::optional<std::vector<std::string>>& environment = std::nullopt);

// Starts argv in the background, detached so that it outlives us: a session of its own
// (no controlling terminal, no signals from ours), stdin on /dev/null, stdout and stderr
// appended to `log_file`, no descriptor of ours. Returns the program's pid once it runs;
// ErrorKind::not_found when it does not exist, io when it cannot be started.
Result<int> start_detached_process(const std::vector<std::string>& argv,
                                   const std::filesystem::path& log_file);

// The first executable file called `program` in the folders of env's PATH; nullopt when
// there is none (or PATH is unset).
std::optional<std::filesystem::path> find_on_path(std::string_view program, const Environment& env);

// Whether a process with this id exists (ours or anyone's).
bool process_exists(int pid);

// Asks the process to stop (SIGTERM). ErrorKind::not_found when it is gone, io when it is
// not ours to signal.
Result<void> request_process_stop(int pid);

// Splits a command line into words the way a POSIX shell does for a simple command:
// blanks separate words, 'single quotes' keep everything, "double quotes" allow \" and \\,
// a backslash outside quotes escapes the next character. No variables, globs or pipes.
// ErrorKind::usage for an unterminated quote or a trailing backslash.
Result<std::vector<std::string>> split_command_line(std::string_view command);

}  // namespace spawn::platform
