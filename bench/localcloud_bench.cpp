// localcloud's two costs that matter to its users: how fast DescribeInstances
// answers over a thousand instances (what `spawn list` and every wait loop
// pay), and how much memory an idle instance costs the machine (how many a
// laptop can hold). A plain program, not Google Benchmark: it starts its own
// in-process localcloud, drives it over HTTP with spawn's own client, and
// prints figures and ratios measured in this one run.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "aws/ec2.hpp"
#include "aws/session.hpp"
#include "localcloud/app/localcloud.hpp"
#include "localcloud/auth/credential_store.hpp"
#include "localcloud/catalog/public_images.hpp"
#include "util/env.hpp"

namespace spawn::localcloud {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kInstances = 1000;
constexpr int kDescribeRounds = 30;
constexpr int kIdleInstances = 20;
constexpr std::chrono::seconds kBootDeadline{60};

struct Cloud {
  std::filesystem::path dir;
  std::unique_ptr<Localcloud> server;
  MapEnvironment env;
  std::unique_ptr<aws::Session> session;

  ~Cloud() {
    if (server)
      server->stop();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "localcloud_bench: %s\n", message.c_str());
  std::exit(1);
}

std::unique_ptr<Cloud> start_cloud(std::string_view name, std::chrono::milliseconds boot_delay) {
  auto cloud = std::make_unique<Cloud>();
  cloud->dir = std::filesystem::temp_directory_path() /
               ("localcloud-bench-" + std::string(name) + "-" + std::to_string(getpid()));
  LocalcloudOptions options;
  options.state_dir = cloud->dir;
  options.ec2.boot_delay = boot_delay;
  auto server = Localcloud::start(options);
  if (!server)
    die("cannot start localcloud: " + server.error().message);
  cloud->server = std::move(*server);
  cloud->env = MapEnvironment({{"AWS_ACCESS_KEY_ID", std::string(kDefaultAccessKeyId)},
                               {"AWS_SECRET_ACCESS_KEY", std::string(kDefaultSecretAccessKey)},
                               {"AWS_CONFIG_FILE", "/dev/null"},
                               {"AWS_SHARED_CREDENTIALS_FILE", "/dev/null"},
                               {"AWS_EC2_METADATA_DISABLED", "true"}});
  aws::SessionOptions session_options;
  session_options.region = "us-east-1";
  session_options.endpoint_url = cloud->server->endpoint_url();
  auto session = aws::make_session(session_options, cloud->env);
  if (!session)
    die("cannot build a session: " + session.error().message);
  cloud->session = std::move(*session);
  return cloud;
}

void run_instances(aws::Ec2Client& ec2, int count, const std::string& user_data) {
  constexpr int kPerCall = 100;
  for (int launched = 0; launched < count; launched += kPerCall) {
    aws::RunInstancesRequest request;
    request.image_id = std::string(public_images().front().image_id);
    request.instance_type = "t3.micro";
    request.min_count = request.max_count = std::min(kPerCall, count - launched);
    request.user_data = user_data;
    if (auto reservation = ec2.run_instances(request); !reservation) {
      die("RunInstances failed: " + reservation.error().message);
    }
  }
}

// Seconds per DescribeInstances call answering every instance in one page.
double describe_seconds(aws::Ec2Client& ec2, int expected) {
  aws::DescribeRequest request;
  request.page.max_results = 1000;
  auto started = Clock::now();
  for (int round = 0; round < kDescribeRounds; ++round) {
    auto instances = ec2.describe_instances_all(request);
    if (!instances || static_cast<int>(instances->size()) != expected) {
      die("DescribeInstances did not return every instance");
    }
  }
  return std::chrono::duration<double>(Clock::now() - started).count() / kDescribeRounds;
}

void bench_describe() {
  auto cloud = start_cloud("describe", std::chrono::hours(1));  // stay pending: no sandboxes
  aws::Ec2Client ec2(cloud->session->client());
  run_instances(ec2, 10, "");
  double small = describe_seconds(ec2, 10);
  run_instances(ec2, kInstances - 10, "");
  double large = describe_seconds(ec2, kInstances);
  std::printf("DescribeInstances, all in one answer, sequential, %d rounds each:\n",
              kDescribeRounds);
  std::printf("  over   10 instances: %8.2f ms  (%7.1f requests/s)\n", small * 1e3, 1 / small);
  std::printf("  over %4d instances: %8.2f ms  (%7.1f requests/s, %.0f instances/s)\n", kInstances,
              large * 1e3, 1 / large, kInstances / large);
  std::printf("  ratio 1000/10 instances: %.1fx the time for 100x the instances\n", large / small);
}

// Proportional set size of a process in KiB (shared pages split among their users).
long pss_kib(int pid) {
  std::ifstream rollup("/proc/" + std::to_string(pid) + "/smaps_rollup");
  std::string line;
  while (std::getline(rollup, line)) {
    if (line.starts_with("Pss:"))
      return std::stol(line.substr(4));
  }
  return 0;
}

// Every process below `root` (by parent links in /proc).
std::set<int> descendants(int root) {
  std::map<int, int> parent;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos)
      continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    std::getline(stat, line);
    auto close = line.rfind(')');
    if (close == std::string::npos)
      continue;
    int ppid = 0;
    char state = 0;
    if (std::sscanf(line.c_str() + close + 1, " %c %d", &state, &ppid) == 2) {
      parent[std::stoi(name)] = ppid;
    }
  }
  std::set<int> found;
  bool grew = true;
  while (grew) {
    grew = false;
    for (const auto& [pid, ppid] : parent) {
      if ((ppid == root || found.contains(ppid)) && found.insert(pid).second)
        grew = true;
    }
  }
  return found;
}

long sandbox_pss_kib() {
  long total = 0;
  for (int pid : descendants(getpid()))
    total += pss_kib(pid);
  return total;
}

void wait_until_all_running(aws::Ec2Client& ec2, int count) {
  aws::DescribeRequest request;
  request.filters.push_back(aws::Filter{"instance-state-name", {"running"}});
  auto deadline = Clock::now() + kBootDeadline;
  while (Clock::now() < deadline) {
    auto running = ec2.describe_instances_all(request);
    if (running && static_cast<int>(running->size()) == count)
      return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // polling, as a client would
  }
  die("instances did not reach running in time");
}

std::string command_name(int pid) {
  std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
  std::string name;
  std::getline(comm, name);
  return name;
}

// Idle means the boot scripts (bash) are done and only what keeps a sandbox alive remains.
void wait_until_boot_scripts_finish() {
  auto deadline = Clock::now() + kBootDeadline;
  while (Clock::now() < deadline) {
    auto processes = descendants(getpid());
    if (std::none_of(processes.begin(), processes.end(),
                     [](int pid) { return command_name(pid) == "bash"; })) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  die("boot scripts did not finish in time");
}

void bench_idle_memory() {
  auto cloud = start_cloud("memory", std::chrono::milliseconds(0));
  aws::Ec2Client ec2(cloud->session->client());
  long own_before = pss_kib(getpid());
  run_instances(ec2, kIdleInstances, "#!/bin/bash\necho booted\n");
  wait_until_all_running(ec2, kIdleInstances);
  wait_until_boot_scripts_finish();
  long sandboxes = sandbox_pss_kib();
  long own_delta = pss_kib(getpid()) - own_before;
  std::printf("Idle instances (%d, user-data finished, nothing running):\n", kIdleInstances);
  std::printf("  sandbox processes: %6.2f MiB per instance (PSS)\n",
              sandboxes / 1024.0 / kIdleInstances);
  std::printf("  localcloud itself: %6.1f KiB per instance (PSS growth)\n",
              static_cast<double>(own_delta) / kIdleInstances);
  std::printf("  total:             %6.2f MiB per instance\n",
              (sandboxes + own_delta) / 1024.0 / kIdleInstances);
}

}  // namespace
}  // namespace spawn::localcloud

int main() {
  spawn::localcloud::bench_describe();
  std::printf("\n");
  spawn::localcloud::bench_idle_memory();
  return 0;
}
