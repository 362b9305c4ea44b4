// `spawn status <id-or-name>`: one instance in detail (spec §9.1). What its tags
// say — limits, deadline, completion settings, the last stop — needs only EC2;
// spored's own report (`sudo spored status`: idle signals, pending action) is
// asked over SSH when the instance runs and a key is found. When it cannot be
// reached, the command still succeeds and says why on the "Agent:" line.
#include <memory>
#include <string>
#include <vector>

#include "platform/paths.hpp"
#include "spawn/commands/command_table.hpp"
#include "spawn/commands/instance_args.hpp"
#include "spawn/ops/agent_status.hpp"
#include "spawn/ops/ssh_login.hpp"
#include "spawn/ui/catalog.hpp"
#include "spawn/ui/instance_status_view.hpp"
#include "spawn/ui/yaml_text.hpp"

namespace spawn::cli {

namespace {

struct StatusFlags {
  std::vector<std::string> names;
  OutputFlags output;
  std::string user;  // --user
  std::string key;   // --key
};

// How to run spored status on the instance: ssh to its public address.
Result<ops::AgentStatusAccess> agent_access(Context& context, const ops::ManagedInstance& instance,
                                            const StatusFlags& flags) {
  if (context.local())
    return fail(ErrorKind::not_found,
                std::string(ui::tr("local instances are not reached over SSH")));
  if (instance.instance.public_ip.empty())
    return fail(ErrorKind::not_found, std::string(ui::tr("the instance has no public IP address")));
  auto home = platform::home_dir(context.env());
  if (!home)
    return std::unexpected(home.error());
  std::optional<std::filesystem::path> key;
  if (!flags.key.empty())
    key = flags.key;
  auto key_file = ops::find_login_key(instance.instance.key_name, key, *home);
  if (!key_file)
    return std::unexpected(key_file.error());
  std::string user = flags.user.empty() ? ops::default_login_user("") : flags.user;
  return ops::ssh_agent_access(
      {instance.instance.public_ip, user, *key_file, ops::kDefaultSshPort, {}});
}

ui::AgentView agent_view(Context& context, const ops::ManagedInstance& instance,
                         const StatusFlags& flags) {
  if (instance.state() != ops::instance_state::running)
    return {std::nullopt, ui::trf("the instance is {state}", fmt::arg("state", instance.state()))};
  auto access = agent_access(context, instance, flags);
  if (!access)
    return {std::nullopt, access.error().message};
  context.err() << ui::tr("Asking spored on the instance...") << '\n';
  auto status = ops::remote_agent_status(instance, *access);
  if (!status)
    return {std::nullopt, status.error().message};
  return {std::move(*status), {}};
}

Result<void> run_status(Context& context, const StatusFlags& flags) {
  auto session = context.session();
  if (!session)
    return std::unexpected(session.error());
  auto targets = resolve_targets(context, **session, flags.names, {}, Arity::one);
  if (!targets)
    return std::unexpected(targets.error());
  const ops::ManagedInstance& instance = targets->front();
  ui::AgentView agent = agent_view(context, instance, flags);
  SystemTime now = now_for(**session);
  switch (flags.output.chosen()) {
    case OutputFormat::json:
      context.out() << ui::status_document(instance, now, agent).dump(2) << '\n';
      break;
    case OutputFormat::yaml:
      context.out() << ui::to_yaml(ui::status_document(instance, now, agent));
      break;
    case OutputFormat::table: context.out() << ui::render_status_text(instance, now, agent); break;
  }
  return {};
}

}  // namespace

Handler setup_status(CLI::App& command) {
  auto flags = std::make_shared<StatusFlags>();
  command.add_option("instance", flags->names, std::string(ui::tr("The instance ID or name")))
      ->type_name(std::string(ui::tr("ID-OR-NAME")));
  add_output_flags(command, flags->output);
  command
      .add_option("--user", flags->user,
                  std::string(ui::tr("User to log in as to ask spored (default: ec2-user)")))
      ->type_name(std::string(ui::tr("USER")));
  command
      .add_option("--key", flags->key,
                  std::string(ui::tr("Private key to log in with (a path, or a name in ~/.ssh)")))
      ->type_name(std::string(ui::tr("PATH")));
  return [flags](Context& context) { return run_status(context, *flags); };
}

}  // namespace spawn::cli
