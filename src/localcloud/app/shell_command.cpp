// The shell is a second sandbox over the instance's files, not a process inside the
// running one: it gets the same root, mounts, hostname and variables (its own IMDS
// endpoint among them), but a PID namespace of its own, so `ps` shows only the
// shell's processes. It runs as localcloud's instances run, as the user running
// spawn-localcloud. Without bubblewrap it is a plain process in the root folder, as
// the boot script is then.
#include "localcloud/app/shell_command.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <utility>

#include "aws/beast_transport.hpp"
#include "localcloud/app/env_command.hpp"
#include "localcloud/app/sandbox_facts.hpp"
#include "localcloud/app/state_lock.hpp"
#include "localcloud/instances/host_layout.hpp"
#include "localcloud/instances/isolation.hpp"
#include "platform/process.hpp"
#include "util/env.hpp"

namespace spawn::localcloud {

namespace {

constexpr int kExitFailure = 1;
constexpr int kExitCannotRun = 127;
constexpr int kHttpOk = 200;
constexpr int kHttpNotFound = 404;

Result<std::string> running_endpoint(const std::filesystem::path& state_dir) {
  auto running = find_running_server(state_dir);
  if (!running || running->endpoint_url.empty()) {
    return fail(ErrorKind::not_found, "no spawn-localcloud is serving " + state_dir.string(),
                "Start it with `spawn-localcloud serve` (spawn --local starts it for you).");
  }
  return running->endpoint_url;
}

Result<SandboxFacts> fetch_facts(const std::string& endpoint, const std::string& instance_id) {
  auto url = aws::Url::parse(endpoint + "/_localcloud/instances/" + instance_id + "/sandbox");
  if (!url)
    return std::unexpected(url.error());
  aws::HttpRequest request;
  request.url = *url;
  auto response = aws::make_beast_transport({})->send(request, aws::Timeouts{});
  if (!response)
    return std::unexpected(response.error());
  if (response->status == kHttpNotFound) {
    return fail(ErrorKind::not_found, "localcloud has no instance " + instance_id,
                "List the instances with `spawn --local list`.");
  }
  auto document = nlohmann::json::parse(response->body, nullptr, false);
  if (response->status != kHttpOk || document.is_discarded()) {
    return fail(ErrorKind::io, "localcloud answered " + std::to_string(response->status) +
                                   " about the sandbox of " + instance_id);
  }
  return sandbox_facts_from_json(document);
}

Result<void> require_booted(const SandboxFacts& facts) {
  if (facts.state != "running") {
    return fail(
        ErrorKind::conflict,
        "instance " + facts.instance_id + " is " + facts.state + ", not running",
        "Start it first (`spawn --local start " + facts.instance_id + "`), or wait until it runs.");
  }
  if (!facts.isolation) {
    return fail(ErrorKind::io, "localcloud could not start its sandboxes",
                "See the server's output for the reason.");
  }
  if (facts.environment.empty()) {
    return fail(ErrorKind::conflict, "the sandbox of " + facts.instance_id + " is not booted yet",
                "Try again in a moment.");
  }
  return {};
}

Result<SandboxLaunch> shell_launch(const std::filesystem::path& state_dir,
                                   const SandboxFacts& facts, std::vector<std::string> command) {
  SandboxBootRequest request{
      instance_paths(state_dir, facts.instance_id), facts.hostname, BootMode::again,
      facts.environment,
      command.empty() ? std::vector<std::string>{"/bin/bash"} : std::move(command)};
  if (auto term = ProcessEnvironment().get_nonempty("TERM"))
    request.environment.emplace_back("TERM", *term);
  if (*facts.isolation == Isolation::plain_process)
    return plain_launch(request);
  auto probe = probe_bubblewrap();
  if (!probe.bubblewrap_works) {
    return fail(ErrorKind::io, "the instance runs under bubblewrap, but " + probe.problem,
                "Run the shell as the user who runs spawn-localcloud.");
  }
  return bubblewrap_launch(probe.bwrap_path, read_host_layout(), request);
}

Result<SandboxLaunch> plan_shell(const ShellFlags& flags) {
  auto state_dir = state_dir_or_default(flags.state_dir);
  auto endpoint = running_endpoint(state_dir);
  if (!endpoint)
    return std::unexpected(endpoint.error());
  auto facts = fetch_facts(*endpoint, flags.instance_id);
  if (!facts)
    return std::unexpected(facts.error());
  if (auto booted = require_booted(*facts); !booted)
    return std::unexpected(booted.error());
  return shell_launch(state_dir, *facts, flags.command);
}

int report(const Error& error, int exit_code) {
  std::cerr << "spawn-localcloud: " << error.message << "\n";
  if (!error.hint.empty())
    std::cerr << error.hint << "\n";
  return exit_code;
}

}  // namespace

CLI::App* add_shell_command(CLI::App& app, ShellFlags& flags) {
  CLI::App* command = app.add_subcommand(
      "shell", "Open a shell (or run a command after --) inside a running instance's sandbox");
  command->add_option("--state-dir", flags.state_dir, "State dir of the server");
  command->add_option("instance-id", flags.instance_id, "The instance (i-...)")->required();
  command->add_option("command", flags.command, "What to run instead of bash (after --)");
  return command;
}

int run_shell(const ShellFlags& flags) {
  auto launch = plan_shell(flags);
  if (!launch)
    return report(launch.error(), kExitFailure);
  if (::chdir(launch->working_dir.c_str()) != 0) {
    return report({ErrorKind::io,
                   "cannot enter " + launch->working_dir.string() + ": " + std::strerror(errno),
                   std::nullopt},
                  kExitFailure);
  }
  return report(platform::exec_process(launch->argv, launch->environment), kExitCannotRun);
}

}  // namespace spawn::localcloud
