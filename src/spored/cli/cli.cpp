#include "spored/cli/cli.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "spored/cli/commands.hpp"

namespace spawn::spored {

namespace {

constexpr int kUsageError = 2;

std::string usage() {
  std::string text = "Usage: spored <command> [flags]\n\nCommands:\n";
  for (const auto& command : command_table())
    text += fmt::format("  {:<10} {}\n", command.name, command.summary);
  text += fmt::format("  {:<10} {}\n", "help", "Show this list");
  text +=
      "\nspored keeps an instance from running longer than its owner wants: it reads the\n"
      "instance's spawn:* tags and stops, hibernates or terminates it when the TTL passes,\n"
      "when it has been idle, when the workload signals completion, or warns when a spot\n"
      "interruption comes. Run `spored <command> --help` for a command's flags.\n";
  return text;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, const Environment& env, Streams streams) {
  if (args.empty()) {
    streams.err << usage();
    return kUsageError;
  }
  if (args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    streams.out << usage();
    return 0;
  }
  auto commands = command_table();
  if (std::ranges::find(commands, args[0], &Command::name) == commands.end()) {
    streams.err << fmt::format("spored: unknown command `{}`\n\n{}", args[0], usage());
    return kUsageError;
  }
  CLI::App app{"spored, the spawn agent", "spored"};
  app.require_subcommand(1);
  Action chosen;
  for (const auto& command : commands) {
    auto* sub = app.add_subcommand(std::string(command.name), std::string(command.summary));
    auto action = command.setup(*sub);
    sub->callback([&chosen, action] { chosen = action; });
  }
  try {
    app.parse(std::vector<std::string>(args.rbegin(), args.rend()));
  } catch (const CLI::CallForHelp&) {
    auto parsed = app.get_subcommands();
    streams.out << (parsed.empty() ? usage() : parsed.front()->help());
    return 0;
  } catch (const CLI::ParseError& error) {
    streams.err << "spored: " << error.what() << "\n\n" << usage();
    return kUsageError;
  }
  return chosen(env, streams);
}

}  // namespace spawn::spored
