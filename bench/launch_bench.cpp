// How many sequential AWS round trips `spawn launch` and `spawn list` cost, measured
// against a localcloud that delays every answer by a fixed latency: wall time over
// that latency counts the round trips a user waits for one after another (the
// launch's own computing is a few milliseconds beside them). Scenarios:
// - cold: the first launch in a fresh account and region (key, security group, role
//   and agent all created), then warm: the same launch again (everything exists);
// - cold with IAM propagating for a few seconds: the RunInstances retries are
//   counted apart, since their number is AWS's doing, not spawn's;
// - `spawn list` over every region against one region.
// Launches use --no-wait (RunInstances is the last call counted); the instances are
// terminated at the end. A plain program: it prints figures and ratios of one run.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "launch_expectations.hpp"
#include "spawn_user.hpp"

namespace spawn::e2e {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kLatency{200};
constexpr std::chrono::seconds kPropagation{3};

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
  CliRun run;
};

Timed timed(SpawnUser& user, std::vector<std::string> args) {
  auto started = Clock::now();
  CliRun run = user.run(std::move(args));
  double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (run.exit_code != 0)
    die("spawn failed: " + run.err);
  return {seconds, std::move(run)};
}

double round_trips(double seconds) {
  return seconds / std::chrono::duration<double>(kLatency).count();
}

int count_of(integration::TestCloud& cloud, const std::string& operation) {
  auto operations = mutating_operations(cloud);
  return static_cast<int>(std::count(operations.begin(), operations.end(), operation));
}

Timed launch(SpawnUser& user) {
  return timed(user, {"launch", "-t", "t3.micro", "--ttl", "10m", "--no-wait", "--yes"});
}

void report_launches() {
  integration::TempDir dir;
  auto cloud = start_cloud(dir.path(), std::chrono::milliseconds(0));
  SpawnUser user(*cloud);
  Timed cold = launch(user);
  Timed warm = launch(user);
  fmt::print(
      "launch, cold (key, group, role, agent created): {:.2f} s = {:.1f} sequential round "
      "trips of {} ms (target <= 5)\n",
      cold.seconds, round_trips(cold.seconds), kLatency.count());
  fmt::print(
      "launch, warm (everything exists):                {:.2f} s = {:.1f} sequential round "
      "trips (target <= 2)\n",
      warm.seconds, round_trips(warm.seconds));
  Timed one = timed(user, {"list", "--region", "us-east-1"});
  Timed all = timed(user, {"list"});
  fmt::print("list, one region: {:.2f} s; all regions: {:.2f} s; ratio {:.2f} (target <= 1.5)\n",
             one.seconds, all.seconds, all.seconds / one.seconds);
  for (const auto& id : live_managed_instances(*cloud))
    (void)cloud->ec2().terminate_instances({.instance_ids = {id}});
}

void report_propagation() {
  integration::TempDir dir;
  auto cloud = start_cloud(dir.path(), kPropagation);
  SpawnUser user(*cloud);
  Timed cold = launch(user);
  int attempts = count_of(*cloud, "RunInstances");
  fmt::print(
      "launch, cold with IAM propagating for {} s: {:.2f} s, {} RunInstances attempts "
      "({} retries while the new role propagated)\n",
      kPropagation.count(), cold.seconds, attempts, attempts - 1);
  for (const auto& id : live_managed_instances(*cloud))
    (void)cloud->ec2().terminate_instances({.instance_ids = {id}});
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
