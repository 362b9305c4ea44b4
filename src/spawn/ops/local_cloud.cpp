// Starting is racy by nature (two `spawn --local` at once both see no server), and
// spawn-localcloud settles it: only one server can hold the state dir's lock, the
// other exits. So waiting asks the program again and again whether a server (any,
// not necessarily ours) serves the dir and answers health, and gives up early only
// when ours has exited and nobody else holds the dir.
#include "spawn/ops/local_cloud.hpp"

#include <fmt/format.h>

#include <thread>

#include "aws/ec2.hpp"
#include "aws/session.hpp"
#include "platform/process.hpp"
#include "spawn/ops/local_cloud_server.hpp"

namespace spawn::ops {

namespace {

constexpr std::chrono::milliseconds kPollInterval{50};

// What the user's AWS set-up could slip into a local session.
constexpr std::string_view kHiddenVariables[] = {
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",
    "http_proxy",
    "HTTP_PROXY",
};

struct Location {
  std::filesystem::path program;
  std::filesystem::path state_dir;
};

Result<Location> locate(const Environment& env) {
  auto state_dir = local_cloud_state_dir(env);
  if (!state_dir)
    return std::unexpected(state_dir.error());
  auto program = find_local_cloud_program(env);
  if (!program)
    return std::unexpected(program.error());
  return Location{*program, *state_dir};
}

// Where the local cloud lives, and what its program says of the server there.
struct Found {
  Location at;
  ServerAnswer answer;
};

Result<Found> locate_and_ask(const Environment& env) {
  auto at = locate(env);
  if (!at)
    return std::unexpected(at.error());
  auto answer = ask_server(at->program, at->state_dir);
  if (!answer)
    return std::unexpected(answer.error());
  return Found{std::move(*at), std::move(*answer)};
}

Result<void> prepare_state_dir(const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return fail(ErrorKind::io, fmt::format("cannot create the local cloud's folder {}: {}",
                                           dir.string(), error.message()));
  }
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, error);
  return {};
}

bool is_ready(const ServerAnswer& answer) {
  return answer.running && !answer.cloud.endpoint_url.empty() &&
         answers_health(answer.cloud.endpoint_url);
}

Error exited_early(const std::filesystem::path& state_dir) {
  std::string tail = server_log_tail(state_dir);
  return Error{ErrorKind::io,
               fmt::format("spawn-localcloud stopped right after it started{}{}",
                           tail.empty() ? "" : ":\n", tail),
               std::nullopt, fmt::format("See {}.", server_log(state_dir).string())};
}

// Waits until a server serves the state dir and answers; `ours` is the one we started.
Result<LocalCloud> wait_until_ready(const Location& at, std::optional<int> ours) {
  auto deadline = std::chrono::steady_clock::now() + kLocalCloudStartDeadline;
  while (true) {
    auto answer = ask_server(at.program, at.state_dir);
    if (!answer)
      return std::unexpected(answer.error());
    if (is_ready(*answer)) {
      answer->cloud.started_now = ours.has_value();
      return answer->cloud;
    }
    if (ours && !answer->running && !platform::process_exists(*ours))
      return std::unexpected(exited_early(at.state_dir));
    if (std::chrono::steady_clock::now() > deadline) {
      return fail(ErrorKind::timeout,
                  fmt::format("spawn-localcloud did not answer within {} s",
                              kLocalCloudStartDeadline.count()),
                  fmt::format("See {}.", server_log(at.state_dir).string()));
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

// Waits until no server holds the state dir.
Result<void> wait_until_stopped(const Location& at, int pid) {
  auto deadline = std::chrono::steady_clock::now() + kLocalCloudStopDeadline;
  while (true) {
    auto answer = ask_server(at.program, at.state_dir);
    if (!answer)
      return std::unexpected(answer.error());
    if (!answer->running)
      return {};
    if (std::chrono::steady_clock::now() > deadline) {
      return fail(ErrorKind::timeout,
                  fmt::format("spawn-localcloud (pid {}) did not stop within {} s", pid,
                              kLocalCloudStopDeadline.count()),
                  fmt::format("Stop it with `kill {}`.", pid));
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

Result<std::map<std::string, int>> count_instances(const Environment& env, const LocalCloud& cloud,
                                                   const std::string& region) {
  auto local_env = local_cloud_environment(env, cloud, region);
  aws::SessionOptions options;
  options.region = region;
  options.endpoint_url = cloud.endpoint_url;
  auto session = aws::make_session(options, *local_env);
  if (!session)
    return std::unexpected(session.error());
  auto instances = aws::Ec2Client((*session)->client()).describe_instances_all({});
  if (!instances)
    return std::unexpected(instances.error());
  std::map<std::string, int> by_state;
  for (const auto& instance : *instances)
    ++by_state[instance.state.name];
  return by_state;
}

}  // namespace

Result<std::optional<LocalCloud>> running_local_cloud(const Environment& env) {
  auto found = locate_and_ask(env);
  if (!found)
    return std::unexpected(found.error());
  const ServerAnswer& answer = found->answer;
  if (!answer.running || answer.cloud.endpoint_url.empty())
    return std::optional<LocalCloud>();
  return std::optional(answer.cloud);
}

Result<LocalCloud> ensure_local_cloud(const Environment& env, const LocalCloudStarting& starting) {
  auto found = locate_and_ask(env);
  if (!found)
    return std::unexpected(found.error());
  const Location& at = found->at;
  if (found->answer.running)
    return wait_until_ready(at, std::nullopt);
  if (auto prepared = prepare_state_dir(at.state_dir); !prepared)
    return std::unexpected(prepared.error());
  if (starting)
    starting(at.state_dir);
  auto pid = platform::start_detached_process(
      {at.program.string(), "serve", "--state-dir", at.state_dir.string(), "--port", "0"},
      server_log(at.state_dir));
  if (!pid)
    return std::unexpected(pid.error());
  return wait_until_ready(at, *pid);
}

std::unique_ptr<OverlayEnvironment> local_cloud_environment(const Environment& base,
                                                            const LocalCloud& cloud,
                                                            std::string_view region) {
  auto env = std::make_unique<OverlayEnvironment>(base);
  for (auto name : kHiddenVariables)
    env->unset(std::string(name));
  env->set("AWS_ACCESS_KEY_ID", cloud.access_key_id);
  env->set("AWS_SECRET_ACCESS_KEY", cloud.secret_access_key);
  env->set("AWS_REGION", std::string(region.empty() ? std::string_view(cloud.region) : region));
  // No config file, so no profile of the user's can add a credential_process or a region.
  env->set("AWS_CONFIG_FILE", "/dev/null");
  env->set("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
  env->set("AWS_EC2_METADATA_DISABLED", "true");
  return env;
}

Result<LocalCloudStatus> local_cloud_status(const Environment& env, std::string_view region) {
  auto found = locate_and_ask(env);
  if (!found)
    return std::unexpected(found.error());
  const ServerAnswer& answer = found->answer;
  LocalCloudStatus status{found->at.state_dir, std::nullopt, 0, {}, {}};
  if (!answer.running || answer.cloud.endpoint_url.empty())
    return status;
  status.cloud = answer.cloud;
  status.pid = answer.pid;
  status.region = region.empty() ? answer.cloud.region : std::string(region);
  auto counted = count_instances(env, answer.cloud, status.region);
  if (!counted)
    return std::unexpected(counted.error());
  status.instances_by_state = std::move(*counted);
  return status;
}

Result<bool> stop_local_cloud(const Environment& env) {
  auto found = locate_and_ask(env);
  if (!found)
    return std::unexpected(found.error());
  if (!found->answer.running)
    return false;
  auto stopped = platform::request_process_stop(found->answer.pid);
  if (!stopped && stopped.error().kind != ErrorKind::not_found)
    return std::unexpected(stopped.error());
  if (auto gone = wait_until_stopped(found->at, found->answer.pid); !gone)
    return std::unexpected(gone.error());
  return true;
}

Result<LocalCloud> reset_local_cloud(const Environment& env, const LocalCloudStarting& starting) {
  auto cloud = ensure_local_cloud(env, starting);
  if (!cloud)
    return cloud;
  if (auto reset = admin_post(cloud->endpoint_url, "/_localcloud/reset"); !reset)
    return std::unexpected(reset.error());
  return cloud;
}

}  // namespace spawn::ops
