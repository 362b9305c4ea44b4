// `spawn status <id-or-name>`: one instance in detail (spec §9.1). What its tags
// say — limits, deadline, completion settings, the last stop — needs only EC2;
// spored's own report (`spored status`: idle signals, pending action) is asked over
// SSH when the instance runs and a key is found (in the sandbox for a local
// instance). When it cannot be reached, the command still succeeds and says why on
// the "Agent:" line.
#include <memory>
#include <string>
#include <vector>

#include "spawn/commands/command_table.hpp"
#include "spawn/commands/instance_access.hpp"
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
  LoginFlags login;
};

// How to run spored status on the instance: ssh to its public address, or the sandbox
// of a local instance.
Result<ops::AgentStatusAccess> agent_access(Context& context, aws::Session& session,
                                            const ops::ManagedInstance& instance,
                                            const StatusFlags& flags) {
  if (context.local()) {
    auto prefix = sandbox_command_prefix(context, instance);
    if (!prefix)
      return std::unexpected(prefix.error());
    return ops::AgentStatusAccess{std::move(*prefix)};
  }
  if (instance.instance.public_ip.empty())
    return fail(ErrorKind::not_found, std::string(ui::tr("the instance has no public IP address")));
  auto key_file = login_key(context, instance, flags.login);
  if (!key_file)
    return std::unexpected(key_file.error());
  return ops::ssh_agent_access({instance.instance.public_ip,
                                login_user(session, instance, flags.login),
                                *key_file,
                                ops::kDefaultSshPort,
                                {}});
}

ui::AgentView agent_view(Context& context, aws::Session& session,
                         const ops::ManagedInstance& instance, const StatusFlags& flags) {
  if (instance.state() != ops::instance_state::running)
    return {std::nullopt, ui::trf("the instance is {state}", fmt::arg("state", instance.state()))};
  auto access = agent_access(context, session, instance, flags);
  if (!access)
    return {std::nullopt, access.error().message};
  context.err() << ui::tr("Asking spored on the instance...") << '\n';
  auto status = ops::remote_agent_status(instance, *access);
  if (!status)
    return {std::nullopt, status.error().message};
  return {std::move(*status), {}};
}

Result<void> run_status(Context& context, const StatusFlags& flags) {
  auto targets = session_and_targets(context, flags.names, {}, Arity::one);
  if (!targets)
    return std::unexpected(targets.error());
  aws::Session& session = *targets->session;
  const ops::ManagedInstance& instance = targets->instances.front();
  ui::AgentView agent = agent_view(context, session, instance, flags);
  SystemTime now = now_for(session);
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
  add_login_flags(command, flags->login);
  return [flags](Context& context) { return run_status(context, *flags); };
}

}  // namespace spawn::cli
