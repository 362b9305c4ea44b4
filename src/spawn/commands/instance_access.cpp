#include "spawn/commands/instance_access.hpp"

#include <optional>

#include "aws/ec2.hpp"
#include "platform/paths.hpp"
#include "spawn/ops/local_cloud.hpp"
#include "spawn/ops/ssh_login.hpp"
#include "spawn/ui/catalog.hpp"

namespace spawn::cli {

void add_login_flags(CLI::App& command, LoginFlags& flags) {
  command
      .add_option("--user", flags.user,
                  std::string(ui::tr("Log in as this user (default: from the image)")))
      ->type_name(std::string(ui::tr("USER")));
  command
      .add_option("--key", flags.key,
                  std::string(ui::tr("Private key: a path, or a name looked up in ~/.ssh")))
      ->type_name(std::string(ui::tr("KEY")));
}

std::string login_user(aws::Session& session, const ops::ManagedInstance& instance,
                       const LoginFlags& flags) {
  if (!flags.user.empty())
    return flags.user;
  aws::AwsClient client = session.client_for(instance.region);
  aws::DescribeImagesRequest request;
  request.image_ids = {instance.instance.image_id};
  auto images = aws::Ec2Client(client).describe_images(request);
  std::string name = images && !images->items.empty() ? images->items.front().name : "";
  return ops::default_login_user(name);
}

Result<std::filesystem::path> login_key(Context& context, const ops::ManagedInstance& instance,
                                        const LoginFlags& flags) {
  auto home = platform::home_dir(context.env());
  if (!home)
    return std::unexpected(home.error());
  std::optional<std::filesystem::path> key;
  if (!flags.key.empty())
    key = flags.key;
  return ops::find_login_key(instance.instance.key_name, key, *home);
}

Result<std::vector<std::string>> sandbox_command_prefix(Context& context,
                                                        const ops::ManagedInstance& instance) {
  auto program = ops::find_local_cloud_program(context.env());
  if (!program)
    return std::unexpected(program.error());
  auto state_dir = context.local_state_dir();
  if (!state_dir)
    return std::unexpected(state_dir.error());
  return std::vector<std::string>{program->string(),   "shell",       "--state-dir",
                                  state_dir->string(), instance.id(), "--"};
}

}  // namespace spawn::cli
