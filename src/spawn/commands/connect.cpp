// `spawn connect <id-or-name>` (alias `ssh`): a shell on the instance (spec §7), or
// with --command one command run there. resolve → require running → choose the way
// in → exec it, so the user talks to ssh (or the Session Manager plugin, or the local
// sandbox) directly and its exit status is spawn's. SSH needs a public address and a key; without
// an address Session Manager is the way in, and without a key file it is the fallback when the AWS
// CLI and its plugin are installed. Local instances have no SSH server: spawn-localcloud opens a
// shell in their sandbox instead.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "platform/process.hpp"
#include "spawn/commands/command_table.hpp"
#include "spawn/commands/instance_access.hpp"
#include "spawn/commands/instance_args.hpp"
#include "spawn/ops/ssh_login.hpp"
#include "spawn/ui/catalog.hpp"

namespace spawn::cli {

namespace {

struct ConnectFlags {
  std::string target;
  LoginFlags login;
  std::string command;  // --command: run this instead of a shell
  int port = ops::kDefaultSshPort;
  bool session_manager = false;
  std::vector<std::string> ssh_args;
};

Result<ops::ManagedInstance> find_running(Context& context, aws::Session& session,
                                          const std::string& target) {
  auto targets = resolve_targets(context, session, {target}, {}, Arity::one);
  if (!targets)
    return std::unexpected(targets.error());
  ops::ManagedInstance instance = std::move(targets->front());
  context.err() << ui::trf("Found instance in {region}", fmt::arg("region", instance.region))
                << '\n';
  if (instance.state() != ops::instance_state::running) {
    return fail(
        ErrorKind::conflict,
        ui::trf("instance is not running (state: {state})", fmt::arg("state", instance.state())),
        ui::trf("Start it with `spawn start {id}`, or wait until it runs.",
                fmt::arg("id", instance.id())));
  }
  return instance;
}

Error exec(const std::vector<std::string>& argv) {
  return platform::exec_process(argv);
}

Result<void> open_sandbox(Context& context, const ops::ManagedInstance& instance,
                          const std::string& command) {
  auto argv = sandbox_command_prefix(context, instance);
  if (!argv)
    return std::unexpected(argv.error());
  if (command.empty()) {
    context.err() << ui::tr(
                         "Opening a shell in the instance's sandbox (local instances have no SSH)")
                  << '\n';
  } else {
    argv->insert(argv->end(), {"/bin/sh", "-c", command});
  }
  return std::unexpected(exec(*argv));
}

// The AWS CLI and its Session Manager plugin, or what to install.
Result<void> require_session_manager_tools(const Environment& env) {
  for (const char* tool : {"aws", "session-manager-plugin"}) {
    if (!platform::find_on_path(tool, env)) {
      return fail(
          ErrorKind::not_found,
          std::string(ui::tr("Session Manager needs the AWS CLI (`aws`) and its "
                             "session-manager-plugin, and one of them is not on PATH")),
          std::string(ui::tr("Install the AWS CLI (https://aws.amazon.com/cli/) and the plugin "
                             "(https://docs.aws.amazon.com/systems-manager/latest/userguide/"
                             "session-manager-working-with-install-plugin.html), or connect "
                             "with SSH.")));
    }
  }
  return {};
}

Result<void> open_session_manager(Context& context, const ops::ManagedInstance& instance,
                                  const std::string& command) {
  if (auto tools = require_session_manager_tools(context.env()); !tools)
    return tools;
  context.err() << ui::tr("Connecting via Session Manager...") << '\n';
  std::vector<std::string> argv{"aws",         "ssm",      "start-session", "--target",
                                instance.id(), "--region", instance.region};
  if (!command.empty()) {
    nlohmann::json parameters{{"command", {command}}};
    argv.insert(argv.end(), {"--document-name", "AWS-StartInteractiveCommand", "--parameters",
                             parameters.dump()});
  }
  return std::unexpected(exec(argv));
}

Result<void> open_ssh(Context& context, aws::Session& session, const ops::ManagedInstance& instance,
                      const ConnectFlags& flags) {
  auto key_file = login_key(context, instance, flags.login);
  if (!key_file) {
    if (!flags.login.key.empty() || !require_session_manager_tools(context.env()))
      return std::unexpected(key_file.error());
    warn(context, ui::trf("{problem}; trying Session Manager",
                          fmt::arg("problem", key_file.error().message)));
    return open_session_manager(context, instance, flags.command);
  }
  ops::SshLogin login{instance.instance.public_ip, login_user(session, instance, flags.login),
                      *key_file, flags.port, flags.ssh_args};
  context.err() << ui::trf("Connecting via SSH as {user}@{host}...", fmt::arg("user", login.user),
                           fmt::arg("host", login.host))
                << '\n';
  std::vector<std::string> remote;
  if (!flags.command.empty())
    remote.push_back(flags.command);  // ssh hands it to the login shell, as typed
  return std::unexpected(exec(ops::ssh_command(login, remote)));
}

Result<void> run_connect(Context& context, const ConnectFlags& flags) {
  auto session = context.session();
  if (!session)
    return std::unexpected(session.error());
  auto instance = find_running(context, **session, flags.target);
  if (!instance)
    return std::unexpected(instance.error());
  if (context.local()) {
    if (!flags.ssh_args.empty())
      warn(context, ui::tr("the ssh arguments do not apply to local instances"));
    return open_sandbox(context, *instance, flags.command);
  }
  if (flags.session_manager)
    return open_session_manager(context, *instance, flags.command);
  if (instance->instance.public_ip.empty()) {
    context.err() << ui::tr("The instance has no public IP address; using Session Manager") << '\n';
    return open_session_manager(context, *instance, flags.command);
  }
  return open_ssh(context, **session, *instance, flags);
}

}  // namespace

Handler setup_connect(CLI::App& command) {
  auto flags = std::make_shared<ConnectFlags>();
  command.add_option("instance", flags->target, std::string(ui::tr("Instance id or Name tag")))
      ->required()
      ->type_name(std::string(ui::tr("ID-OR-NAME")));
  add_login_flags(command, flags->login);
  command
      .add_option("--command", flags->command,
                  std::string(ui::tr("Run this command on the instance instead of a shell")))
      ->type_name(std::string(ui::tr("COMMAND")));
  command.add_option("--port", flags->port, std::string(ui::tr("SSH port (default 22)")))
      ->type_name(std::string(ui::tr("PORT")))
      ->check(CLI::Range(1, 65535).description(""));
  command.add_flag("--session-manager", flags->session_manager,
                   std::string(ui::tr("Connect through AWS Session Manager instead of SSH")));
  command
      .add_option("ssh-args", flags->ssh_args,
                  std::string(ui::tr("Extra arguments for ssh, after --")))
      ->type_name(std::string(ui::tr("SSH-ARGS")));
  return [flags](Context& context) { return run_connect(context, *flags); };
}

}  // namespace spawn::cli
