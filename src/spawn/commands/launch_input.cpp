#include "spawn/commands/launch_input.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iterator>

#include "aws/http.hpp"
#include "core/truffle_input.hpp"
#include "platform/paths.hpp"
#include "spawn/ops/user_data_file.hpp"
#include "spawn/ui/catalog.hpp"

namespace spawn::cli {

namespace {

Result<std::optional<TruffleInput>> read_piped_offer(Context& context) {
  if (context.terminals().in == platform::IsTerminal::yes || context.in() == nullptr)
    return std::nullopt;
  std::string text{std::istreambuf_iterator<char>(*context.in()), std::istreambuf_iterator<char>()};
  return parse_truffle_input(text);
}

void warn(Context& context, const std::string& text) {
  context.err() << ui::format_status(ui::Symbol::warning, context.symbols(), text) << '\n';
}

}  // namespace

Result<LaunchSpec> read_launch_spec(Context& context, LaunchFlags flags,
                                    const std::string& user_data) {
  auto piped = read_piped_offer(context);
  if (!piped)
    return std::unexpected(piped.error());
  if (!context.options().region.empty())
    flags.region = context.options().region;
  auto spec = make_launch_spec(flags, *piped);
  if (!spec)
    return spec;
  if (!user_data.empty()) {
    auto script =
        ops::read_user_data_argument(user_data, std::filesystem::current_path(), context.env());
    if (!script)
      return std::unexpected(script.error());
    spec->user_script = *script;
  }
  return spec;
}

void warn_about_limits(Context& context, const LaunchSpec& spec) {
  if (spec.idle_origin == LimitOrigin::safety_default) {
    warn(context, std::string(ui::tr("No --ttl or --idle-timeout given: the instance stops "
                                     "after 1h idle. Set --ttl or --idle-timeout to choose, or "
                                     "--no-timeout to keep it until you terminate it.")));
  } else if (!spec.ttl && !spec.idle_timeout) {
    warn(context, std::string(ui::tr("--no-timeout: this instance runs (and costs) until you "
                                     "terminate it: spawn terminate <id>")));
  }
  if (spec.ssh_from.starts_with("0.0.0.0/0"))
    warn(context, std::string(ui::tr("--ssh-from 0.0.0.0/0 lets the whole internet try SSH")));
}

ops::CloudKind cloud_kind(const Context& context) {
  if (context.local())
    return ops::CloudKind::local;
  auto endpoint = aws::Url::parse(context.options().endpoint_url);
  bool loopback = endpoint && (endpoint->host == "localhost" || endpoint->host == "::1" ||
                               endpoint->host.starts_with("127."));
  return loopback ? ops::CloudKind::local : ops::CloudKind::aws;
}

bool confirm(Context& context, std::string_view question, bool default_answer) {
  if (context.terminals().in != platform::IsTerminal::yes || context.in() == nullptr)
    return false;
  context.err() << question << (default_answer ? " [Y/n] " : " [y/N] ") << std::flush;
  std::string answer;
  if (!std::getline(*context.in(), answer))
    return false;
  if (answer.empty())
    return default_answer;
  return answer == "y" || answer == "Y" || answer == "yes";
}

Result<std::optional<ops::LocalKey>> prepare_ssh_key(Context& context, const LaunchSpec& spec,
                                                     bool yes) {
  if (!spec.key_pair.empty())
    return std::nullopt;
  auto home = platform::home_dir(context.env());
  if (!home)
    return std::unexpected(home.error());
  std::optional<std::filesystem::path> explicit_key;
  if (!spec.ssh_key.empty()) {
    auto expanded = platform::expand_user(spec.ssh_key, context.env());
    if (!expanded)
      return std::unexpected(expanded.error());
    explicit_key = *expanded;
  }
  auto found = ops::find_local_key(*home, explicit_key);
  if (!found || *found)
    return found;
  if (!yes &&
      !confirm(context, ui::tr("You have no SSH key (~/.ssh/id_ed25519). Create one now?"), true)) {
    return fail(ErrorKind::usage, std::string(ui::tr("no SSH key to log in with")),
                std::string(ui::tr("run `ssh-keygen -t ed25519` (or add --yes to let spawn "
                                   "create one), or name an EC2 key pair with --key-pair")));
  }
  auto created = ops::create_local_key(*home);
  if (!created)
    return std::unexpected(created.error());
  context.err() << ui::trf("Created {path}", fmt::arg("path", created->private_key.string()))
                << '\n';
  return std::optional<ops::LocalKey>(*created);
}

}  // namespace spawn::cli
