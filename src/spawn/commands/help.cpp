#include "spawn/commands/help.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "spawn/commands/command_table.hpp"
#include "spawn/ui/catalog.hpp"
#include "util/strings.hpp"

namespace spawn::cli {

namespace {

using Row = std::pair<std::string, std::string>;  // left column, description

void print_rows(std::ostream& out, std::string_view heading, const std::vector<Row>& rows) {
  if (rows.empty())
    return;
  std::size_t width = 0;
  for (const auto& row : rows)
    width = std::max(width, row.first.size());
  out << '\n' << heading << '\n';
  for (const auto& [left, description] : rows) {
    out << fmt::format("  {:<{}}  {}\n", left, width, description);
  }
}

// "-h, --help" or "--region REGION".
std::string flag_label(const CLI::Option& option) {
  std::vector<std::string> names;
  for (const auto& name : option.get_snames())
    names.push_back("-" + name);
  for (const auto& name : option.get_lnames())
    names.push_back("--" + name);
  std::string label = join(names, ", ");
  if (option.get_type_size() != 0)
    label += " " + option.get_type_name();
  return label;
}

std::vector<Row> flag_rows(const CLI::App& app) {
  std::vector<Row> rows;
  for (const CLI::Option* option : app.get_options()) {
    if (option->nonpositional())
      rows.emplace_back(flag_label(*option), option->get_description());
  }
  return rows;
}

std::vector<Row> argument_rows(const CLI::App& app) {
  std::vector<Row> rows;
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_positional())
      rows.emplace_back(option->get_type_name(), option->get_description());
  }
  return rows;
}

// The subcommands of a command (`spawn agent publish`), with what each does.
std::vector<Row> subcommand_rows(const CLI::App& app) {
  std::vector<Row> rows;
  for (const CLI::App* subcommand : app.get_subcommands([](const CLI::App*) { return true; }))
    rows.emplace_back(subcommand->get_name(), subcommand->get_description());
  return rows;
}

// " <COMMAND>" or " [COMMAND]" for each positional argument, then " <COMMAND>" when the
// command has subcommands.
std::string positional_usage(const CLI::App& app) {
  std::string usage;
  for (const CLI::Option* option : app.get_options()) {
    if (!option->get_positional())
      continue;
    const std::string& name = option->get_type_name();
    usage += option->get_required() ? " <" + name + ">" : " [" + name + "]";
  }
  if (!subcommand_rows(app).empty())
    usage += " <" + std::string(ui::tr("COMMAND")) + ">";
  return usage;
}

std::vector<Row> command_rows() {
  std::vector<Row> rows;
  for (const Command& command : command_table()) {
    rows.emplace_back(std::string(command.name), std::string(ui::tr(command.summary)));
  }
  return rows;
}

}  // namespace

void print_overview(std::ostream& out, const CLI::App& root) {
  out << ui::tr("spawn launches AWS instances that clean up after themselves.") << "\n\n"
      << ui::tr("Usage: spawn [flags] <command> [command flags]") << '\n';
  print_rows(out, ui::tr("Commands:"), command_rows());
  print_rows(out, ui::tr("Flags:"), flag_rows(root));
  out << '\n' << ui::tr("Run `spawn help <command>` for more about a command.") << '\n';
}

void print_command_help(std::ostream& out, const CLI::App& command) {
  out << ui::trf("Usage: spawn {command} [flags]{arguments}",
                 fmt::arg("command", command.get_name()),
                 fmt::arg("arguments", positional_usage(command)))
      << "\n\n"
      << command.get_description() << '\n';
  if (!command.get_aliases().empty()) {
    out << '\n'
        << ui::trf("Aliases: {aliases}", fmt::arg("aliases", join(command.get_aliases(), ", ")))
        << '\n';
  }
  print_rows(out, ui::tr("Commands:"), subcommand_rows(command));
  print_rows(out, ui::tr("Arguments:"), argument_rows(command));
  print_rows(out, ui::tr("Flags:"), flag_rows(command));
  out << '\n' << ui::tr("The global flags are listed by `spawn --help`.") << '\n';
}

Handler setup_help(CLI::App& command) {
  auto topic = std::make_shared<std::string>();
  command.add_option("command", *topic, std::string(ui::tr("The command to explain")))
      ->type_name(std::string(ui::tr("COMMAND")));
  const CLI::App* root = command.get_parent();
  return [topic, root](Context& context) -> Result<void> {
    if (topic->empty()) {
      print_overview(context.out(), *root);
      return {};
    }
    const Command* found = find_command(*topic);
    if (found == nullptr) {
      return fail(ErrorKind::usage,
                  ui::trf("unknown command `{command}`", fmt::arg("command", *topic)));
    }
    print_command_help(context.out(), *root->get_subcommand(std::string(found->name)));
    return {};
  };
}

}  // namespace spawn::cli
