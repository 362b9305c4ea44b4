// What spored costs an instance and how fast it reacts, measured on the real static
// agent inside localcloud instances at its default intervals (5 s checks, 60 s
// activity samples and tag reads), installed as a launch installs it:
// - resident memory and CPU time of `spored run` over a few minutes (argv[1] seconds,
//   180 by default);
// - the time from a completion signal (completion delay 0s) to the agent's
//   TerminateInstances request in localcloud's request log, over several instances,
//   and that time over the check interval (about 0.5 when the signal lands at a random
//   moment between two checks).
// A plain program: it prints figures and ratios measured in this one run.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>
#include <sstream>
#include <thread>

#include "spored_fixture.hpp"
#include "util/file.hpp"

namespace spawn::e2e {
namespace {

using namespace std::chrono_literals;

constexpr int kReactionRuns = 5;
constexpr std::chrono::seconds kCheckInterval{5};
constexpr std::chrono::seconds kDefaultObservation{180};
constexpr std::chrono::seconds kSettle{10};  // start-up (tag read, first sample) excluded

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "spored_bench: %s\n", message.c_str());
  std::exit(1);
}

// What /proc says about one process.
struct ProcessUsage {
  double cpu_seconds = 0;  // user + system
  long rss_kib = 0;
  long peak_rss_kib = 0;
};

std::string proc_text(int pid, std::string_view file) {
  return read_file(fmt::format("/proc/{}/{}", pid, file)).value_or("");
}

long status_kib(const std::string& status, std::string_view key) {
  auto at = status.find(std::string(key) + ":");
  if (at == std::string::npos)
    return 0;
  std::istringstream line(status.substr(at + key.size() + 1));
  long kib = 0;
  line >> kib;
  return kib;
}

std::optional<ProcessUsage> usage_of(int pid) {
  auto stat = proc_text(pid, "stat");
  auto status = proc_text(pid, "status");
  auto after_name = stat.rfind(')');
  if (after_name == std::string::npos || status.empty())
    return std::nullopt;
  // Fields after the name start at 3 (state); utime and stime are fields 14 and 15.
  std::istringstream fields(stat.substr(after_name + 2));
  std::string field;
  double ticks = 0;
  for (int number = 3; number <= 15 && fields >> field; ++number) {
    if (number >= 14)
      ticks += std::stod(field);
  }
  return ProcessUsage{ticks / static_cast<double>(::sysconf(_SC_CLK_TCK)),
                      status_kib(status, "VmRSS"), status_kib(status, "VmHWM")};
}

// The host pid of the process whose pid inside its namespace is `inner_pid` and whose
// command is spored (the agent's state file gives the inner pid).
std::optional<int> host_pid_of_agent(int inner_pid) {
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    int pid = 0;
    auto name = entry.path().filename().string();
    if (std::from_chars(name.data(), name.data() + name.size(), pid).ec != std::errc{})
      continue;
    auto status = proc_text(pid, "status");
    auto nspid = status.find("NSpid:");
    if (status.find("Name:\tspored") == std::string::npos || nspid == std::string::npos)
      continue;
    auto line = status.substr(nspid, status.find('\n', nspid) - nspid);
    if (line.ends_with("\t" + std::to_string(inner_pid)))
      return pid;
  }
  return std::nullopt;
}

// Waits until the agent on `id` has finished its first round; its pid inside the instance.
int wait_for_agent(TestCloud& cloud, const std::string& id) {
  auto state = wait_for_agent_state(cloud, id, [](const nlohmann::json& written) {
    return written.value("pid", 0) > 0 && !written.value("instance_id", "").empty();
  });
  if (state.is_null())
    die("the agent on " + id + " wrote no state:\n" + agent_report(cloud, id));
  return state.value("pid", 0);
}

void measure_cost(TestCloud& cloud, const AgentSupply& supply, std::chrono::seconds observation) {
  auto id = launch_agent(cloud, supply, {.tags = {{"spawn:ttl", "1h"}}, .run_flags = ""});
  if (!id)
    die("cannot launch: " + id.error().message);
  auto pid = host_pid_of_agent(wait_for_agent(cloud, *id));
  if (!pid)
    die("cannot find the agent's process on this machine");
  std::this_thread::sleep_for(kSettle);
  auto before = usage_of(*pid);
  std::this_thread::sleep_for(observation);
  auto after = usage_of(*pid);
  if (!before || !after)
    die("the agent exited during the measurement:\n" + agent_report(cloud, *id));
  double cpu = after->cpu_seconds - before->cpu_seconds;
  std::printf(
      "spored run, default intervals, %lld s: resident %.1f MiB (peak %.1f MiB), CPU %.2f s "
      "= %.3f%% of one core\n",
      static_cast<long long>(observation.count()), static_cast<double>(after->rss_kib) / 1024,
      static_cast<double>(after->peak_rss_kib) / 1024, cpu,
      100.0 * cpu / static_cast<double>(observation.count()));
  (void)cloud.ec2().terminate_instances({.instance_ids = {*id}});
}

// Milliseconds since the epoch of the first TerminateInstances logged at or after `since`.
std::optional<long long> terminate_request_after(TestCloud& cloud, long long since) {
  auto body = cloud.admin_get("/_localcloud/requests");
  if (!body)
    return std::nullopt;
  auto log = nlohmann::json::parse(*body, nullptr, false);
  if (log.is_discarded())
    return std::nullopt;
  for (const auto& request : log.value("requests", nlohmann::json::array())) {
    long long at = request.value("time_ms", 0LL);
    if (request.value("operation", "") == "TerminateInstances" && at >= since)
      return at;
  }
  return std::nullopt;
}

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

double reaction_ms(TestCloud& cloud, const AgentSupply& supply) {
  auto id =
      launch_agent(cloud, supply,
                   {.tags = {{"spawn:on-complete", "terminate"}, {"spawn:completion-delay", "0s"}},
                    .run_flags = ""});
  if (!id)
    die("cannot launch: " + id.error().message);
  wait_for_agent(cloud, *id);
  // A random moment between two checks, as a real workload's end would be.
  static std::mt19937 random{std::random_device{}()};
  std::uniform_int_distribution<int> offset_ms(0, static_cast<int>(kCheckInterval / 1ms) - 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(offset_ms(random)));
  auto signalled = now_ms();
  if (!write_file_atomic(cloud.root_of(*id) / "tmp/SPAWN_COMPLETE", ""))
    die("cannot write the completion file");
  std::optional<long long> requested;
  wait_until([&] { return (requested = terminate_request_after(cloud, signalled)).has_value(); },
             std::chrono::seconds(30));
  if (!requested)
    die("the agent did not terminate " + *id + ":\n" + agent_report(cloud, *id));
  return static_cast<double>(*requested - signalled);
}

void measure_reaction(TestCloud& cloud, const AgentSupply& supply) {
  std::vector<double> times;
  for (int run = 0; run < kReactionRuns; ++run)
    times.push_back(reaction_ms(cloud, supply));
  std::ranges::sort(times);
  double mean =
      std::accumulate(times.begin(), times.end(), 0.0) / static_cast<double>(times.size());
  double check_ms = std::chrono::duration<double, std::milli>(kCheckInterval).count();
  std::printf(
      "completion signal -> TerminateInstances over %d instances: mean %.0f ms, min %.0f ms, "
      "max %.0f ms; mean / check interval (%.0f ms) = %.2f\n",
      kReactionRuns, mean, times.front(), times.back(), check_ms, mean / check_ms);
}

}  // namespace
}  // namespace spawn::e2e

int main(int argc, char** argv) {
  using namespace spawn::e2e;
  if (auto reason = why_agents_cannot_run(); !reason.empty())
    die(reason);
  auto observation = kDefaultObservation;
  if (argc > 1)
    observation = std::chrono::seconds(std::atoi(argv[1]));
  spawn::integration::TempDir dir;
  auto cloud = TestCloud::start(dir.path());
  if (!cloud)
    die("cannot start localcloud: " + cloud.error().message);
  auto supply = supply_agent(**cloud);
  if (!supply)
    die("cannot supply the agent: " + supply.error().message);
  measure_reaction(**cloud, *supply);
  measure_cost(**cloud, *supply, observation);
  return 0;
}
