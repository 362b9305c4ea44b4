// How many sequential AWS round trips `spawn launch` and `spawn list` cost, against a
// localcloud that delays every answer by a fixed latency. Counted from localcloud's
// request log (the deepest chain of requests each sent after the one before was
// answered, tests/integration/round_trips.hpp) and shown beside wall time over the
// latency, which adds what spawn computes and the local cloud's own work. Scenarios:
// - cold: the first launch in a fresh account and region (key, security group, role
//   and agent all created), then warm: the same launch again (everything exists);
// - cold with IAM propagating for a few seconds: the RunInstances retries are
//   counted apart, since their number is AWS's doing, not spawn's;
// - `spawn list` over every region against one region.
// Launches use --no-wait (RunInstances is the last call counted); their instances are
// terminated before the next measurement. A plain program: it prints figures and ratios of one run.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "launch_expectations.hpp"
#include "round_trips.hpp"
#include "spawn_user.hpp"

namespace spawn::e2e {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kLatency{200};
constexpr std::chrono::seconds kPropagation{3};
constexpr int kListRuns = 5;

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "launch_bench: %s\n", message.c_str());
  std::exit(1);
}

std::unique_ptr<integration::TestCloud> start_cloud(const std::filesystem::path& dir,
                                                    std::chrono::milliseconds propagation) {
  auto cloud = integration::TestCloud::start(dir, {.iam_propagation = propagation});
  if (!cloud)
    die("cannot start localcloud: " + cloud.error().message);
  auto latency = fmt::format(R"({{"latency_ms": {}, "iam_propagation_ms": {}}})", kLatency.count(),
                             propagation.count());
  if (auto set = (*cloud)->admin_post("/_localcloud/faults", latency); !set)
    die("cannot set the latency: " + set.error().message);
  return std::move(*cloud);
}

struct Timed {
  double seconds = 0;
  std::vector<integration::TimedRequest> chain;  // the deepest chain of sequential requests
};

// Runs spawn with a fresh request log, which then holds this run's requests only.
Timed timed(integration::TestCloud& cloud, SpawnUser& user, std::vector<std::string> args) {
  if (auto cleared = cloud.admin_delete("/_localcloud/requests"); !cleared)
    die("cannot clear the request log: " + cleared.error().message);
  auto started = Clock::now();
  CliRun run = user.run(std::move(args));
  double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (run.exit_code != 0)
    die("spawn failed: " + run.err);
  return {seconds, integration::sequential_chain(integration::timed_requests(cloud))};
}

double latencies(double seconds) {
  return seconds / std::chrono::duration<double>(kLatency).count();
}

std::string chain_text(const std::vector<integration::TimedRequest>& chain) {
  std::string text;
  for (const auto& request : chain)
    text += (text.empty() ? "" : " > ") + request.operation;
  return text;
}

void print_launch(std::string_view what, const Timed& launch, int target) {
  fmt::print(
      "launch, {}: {} sequential round trips (target <= {}: {}); {:.2f} s = {:.1f} x {} ms\n"
      "  deepest chain: {}\n",
      what, launch.chain.size(), target,
      launch.chain.size() <= static_cast<std::size_t>(target) ? "met" : "MISSED", launch.seconds,
      latencies(launch.seconds), kLatency.count(), chain_text(launch.chain));
}

// Terminates the launched instances and waits until they are gone, so that their boot (the
// agent downloaded, installed and started on this same machine) does not slow the next
// measurement.
void end_instances(integration::TestCloud& cloud) {
  auto ids = live_managed_instances(cloud);
  if (ids.empty())
    return;
  if (auto ended = cloud.ec2().terminate_instances({.instance_ids = ids}); !ended)
    die("cannot terminate the instances: " + ended.error().message);
  for (const auto& id : ids) {
    if (!cloud.wait_for_state(id, "terminated"))
      die(id + " was not terminated");
  }
}

Timed launch(integration::TestCloud& cloud, SpawnUser& user) {
  return timed(cloud, user, {"launch", "-t", "t3.micro", "--ttl", "10m", "--no-wait", "--yes"});
}

// The median of kListRuns runs of spawn with `args`: instances ending on this machine now and
// then stall a run for a moment, which one run alone would report as spawn's.
Timed median_of(integration::TestCloud& cloud, SpawnUser& user,
                const std::vector<std::string>& args) {
  std::vector<Timed> runs;
  for (int i = 0; i < kListRuns; ++i)
    runs.push_back(timed(cloud, user, args));
  std::sort(runs.begin(), runs.end(),
            [](const Timed& a, const Timed& b) { return a.seconds < b.seconds; });
  return runs[runs.size() / 2];
}

void report_lists(integration::TestCloud& cloud, SpawnUser& user) {
  // The first list's sweep marks the group the ended instances left; later lists find it marked.
  (void)timed(cloud, user, {"list"});
  Timed one = median_of(cloud, user, {"list", "--region", "us-east-1"});
  Timed all = median_of(cloud, user, {"list"});
  double ratio = all.seconds / one.seconds;
  fmt::print(
      "list: one region {:.2f} s ({} sequential round trips), all regions {:.2f} s ({}); "
      "ratio {:.2f} (target <= 1.5: {})\n  deepest chain, all regions: {}\n",
      one.seconds, one.chain.size(), all.seconds, all.chain.size(), ratio,
      ratio <= 1.5 ? "met" : "MISSED", chain_text(all.chain));
}

void report_launches() {
  integration::TempDir dir;
  auto cloud = start_cloud(dir.path(), std::chrono::milliseconds(0));
  SpawnUser user(*cloud);
  print_launch("cold (key, group, role, agent created)", launch(*cloud, user), 5);
  end_instances(*cloud);
  print_launch("warm (everything exists)", launch(*cloud, user), 2);
  end_instances(*cloud);
  report_lists(*cloud, user);
}

void report_propagation() {
  integration::TempDir dir;
  auto cloud = start_cloud(dir.path(), kPropagation);
  SpawnUser user(*cloud);
  Timed cold = launch(*cloud, user);
  int attempts = integration::calls_of(*cloud, "RunInstances");
  fmt::print(
      "launch, cold with IAM propagating for {} s: {:.2f} s, {} RunInstances attempts "
      "({} retries while the new role propagated)\n",
      kPropagation.count(), cold.seconds, attempts, attempts - 1);
  end_instances(*cloud);
}

}  // namespace
}  // namespace spawn::e2e

int main() {
  if (auto reason = spawn::e2e::why_agents_cannot_run(); !reason.empty()) {
    std::fprintf(stderr, "launch_bench: %s\n", reason.c_str());
    return 1;
  }
  spawn::e2e::report_launches();
  spawn::e2e::report_propagation();
  return 0;
}
