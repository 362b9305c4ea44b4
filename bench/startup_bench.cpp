// Start-up time of `spawn version` against `aws --version`, measured in the same
// run with runs interleaved so both see the same machine load. Prints the median
// wall time of each and the ratio aws/spawn. A plain program rather than a Google
// Benchmark, because what it times is a whole process, from spawn to exit.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

extern char** environ;

namespace {

constexpr int kDefaultRuns = 15;
constexpr const char* kAwsCli = "/usr/bin/aws";

using Millis = std::chrono::duration<double, std::milli>;

// Runs argv to completion with stdout and stderr sent to /dev/null; its wall time, or
// nullopt when it could not start or exited non-zero.
std::optional<Millis> time_run(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& arg : args)
    argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0)
    return std::nullopt;
  int status = 0;
  if (waitpid(pid, &status, 0) != pid)
    return std::nullopt;
  Millis elapsed = std::chrono::steady_clock::now() - start;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return std::nullopt;
  return elapsed;
}

Millis median(std::vector<Millis> times) {
  std::sort(times.begin(), times.end());
  std::size_t middle = times.size() / 2;
  return times.size() % 2 == 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
}

struct Contender {
  const char* label;
  std::vector<std::string> argv;
  std::vector<Millis> times;
};

// One untimed run of each (to warm the page cache), then `runs` interleaved timed runs.
bool measure(std::vector<Contender>& contenders, int runs) {
  for (int run = -1; run < runs; ++run) {
    for (auto& contender : contenders) {
      auto elapsed = time_run(contender.argv);
      if (!elapsed) {
        std::fprintf(stderr, "startup_bench: `%s` failed to run\n", contender.label);
        return false;
      }
      if (run >= 0)
        contender.times.push_back(*elapsed);
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s SPAWN_BINARY [RUNS]\n", argv[0]);
    return 2;
  }
  int runs = argc == 3 ? std::atoi(argv[2]) : kDefaultRuns;
  if (runs < 1) {
    std::fprintf(stderr, "startup_bench: RUNS must be a positive number\n");
    return 2;
  }
  if (access(kAwsCli, X_OK) != 0) {
    std::fprintf(stderr,
                 "startup_bench: %s is missing, so there is nothing to compare with "
                 "(install Debian's awscli: apt-get install awscli)\n",
                 kAwsCli);
    return 1;
  }
  std::vector<Contender> contenders = {
      {"spawn version", {argv[1], "version"}, {}},
      {"aws --version", {kAwsCli, "--version"}, {}},
  };
  if (!measure(contenders, runs))
    return 1;

  Millis spawn_median = median(contenders[0].times);
  Millis aws_median = median(contenders[1].times);
  std::printf("startup: median wall time of %d runs each\n", runs);
  std::printf("  %-16s %9.2f ms\n", contenders[0].label, spawn_median.count());
  std::printf("  %-16s %9.2f ms\n", contenders[1].label, aws_median.count());
  std::printf("  ratio aws/spawn  %9.1fx\n", aws_median / spawn_median);
  return 0;
}
