// The order of things matters: the language is chosen before any text is registered
// (so `--lang fr --help` is French), AWS is touched only by a command whose table entry
// needs it, and every failure leaves through ui::render_error.
#include "spawn/cli.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "core/version.hpp"
#include "spawn/commands/command_table.hpp"
#include "spawn/commands/help.hpp"
#include "spawn/commands/version.hpp"
#include "spawn/local_session.hpp"
#include "spawn/ui/catalog.hpp"
#include "spawn/ui/debug_log.hpp"
#include "spawn/ui/error_message.hpp"
#include "spawn/ui/language.hpp"

namespace spawn::cli {

namespace {

constexpr std::string_view kLangFlag = "--lang";

struct BoundCommand {
  const Command* command;
  CLI::App* app;
  Handler handler;
};

// --lang's value, when given.
std::optional<std::string> lang_flag_in(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == kLangFlag && i + 1 < args.size())
      return args[i + 1];
    if (args[i].starts_with(std::string(kLangFlag) + "="))
      return args[i].substr(kLangFlag.size() + 1);
  }
  return std::nullopt;
}

void add_global_flags(CLI::App& app, GlobalOptions& options) {
  app.set_help_flag("-h,--help", std::string(ui::tr("Show this help")));
  app.add_option("--profile", options.profile,
                 std::string(ui::tr("Use this profile from the AWS config files")))
      ->type_name(std::string(ui::tr("NAME")));
  app.add_option("--region", options.region, std::string(ui::tr("AWS region to work in")))
      ->type_name(std::string(ui::tr("REGION")));
  app.add_option("--endpoint-url", options.endpoint_url,
                 std::string(ui::tr("Send every AWS call to this endpoint (localcloud, testing)")))
      ->type_name(std::string(ui::tr("URL")));
  app.add_flag("--local", options.local,
               std::string(ui::tr("Use spawn-localcloud on this machine instead of AWS "
                                  "(started when it is not running; also SPAWN_LOCAL=1)")));
  app.add_flag("--debug", options.debug,
               std::string(ui::tr("Print each AWS call (status, timing, request id) to stderr")));
  app.add_option("--lang", options.lang,
                 std::string(ui::tr("Language for messages: en, es, fr, de, ja, pt")))
      ->type_name(std::string(ui::tr("LANG")));
  app.add_flag("--no-emoji", options.display.no_emoji,
               std::string(ui::tr("Plain text symbols instead of emoji")));
  app.add_flag("--accessibility", options.display.accessibility,
               std::string(ui::tr("Screen-reader friendly output: text symbols, no colour")));
  app.add_flag("--version", options.version, std::string(ui::tr("Print the version of spawn")));
}

std::vector<BoundCommand> add_commands(CLI::App& app) {
  std::vector<BoundCommand> bound;
  for (const Command& command : command_table()) {
    CLI::App* sub =
        app.add_subcommand(std::string(command.name), std::string(ui::tr(command.summary)));
    for (std::string_view alias : command.aliases)
      sub->alias(std::string(alias));
    bound.push_back({&command, sub, command.setup(*sub)});
  }
  return bound;
}

// The innermost command named on the command line, or nullptr.
const BoundCommand* selected(const std::vector<BoundCommand>& bound) {
  auto found = std::find_if(bound.begin(), bound.end(),
                            [](const BoundCommand& entry) { return entry.app->parsed(); });
  return found == bound.end() ? nullptr : &*found;
}

SessionFactory session_factory_for(const Command& command, const GlobalOptions& options,
                                   const Environment& env, ui::DebugLog& debug_log,
                                   std::ostream& err) {
  if (command.needs != Needs::aws)
    return {};
  if (options.local)
    return local_session_factory(options, env, options.debug ? &debug_log : nullptr, err);
  return [&options, &env, &debug_log] {
    aws::SessionOptions session_options;
    if (!options.profile.empty())
      session_options.profile = options.profile;
    if (!options.region.empty())
      session_options.region = options.region;
    if (!options.endpoint_url.empty())
      session_options.endpoint_url = options.endpoint_url;
    if (options.debug)
      session_options.observer = &debug_log;
    session_options.user_agent = fmt::format("spawn/{}", kVersion);
    return aws::make_session(session_options, env);
  };
}

// Turns an Error into the user's message on stderr and the exit code.
class ErrorReporter {
 public:
  ErrorReporter(const GlobalOptions& options, const Environment& env, std::ostream& err,
                Terminal terminal)
      : options_(options), env_(env), err_(err), terminal_(terminal) {}

  int report(const Error& error) const {
    ui::ErrorStyle style;
    style.symbols = ui::symbol_style(options_.display, env_);
    style.colour = platform::choose_colour(env_, terminal_.err,
                                           ui::accessibility_mode(options_.display, env_));
    style.detail = options_.debug ? ui::Detail::debug : ui::Detail::normal;
    err_ << ui::render_error(error, style);
    return ui::exit_code_for(error);
  }

 private:
  const GlobalOptions& options_;
  const Environment& env_;
  std::ostream& err_;
  Terminal terminal_;
};

// --local sends every call to the local cloud with its own keys: an endpoint or a profile
// given beside it would be silently ignored, so they are refused.
std::optional<Error> local_mode_conflict(const GlobalOptions& options) {
  if (!options.local)
    return std::nullopt;
  for (auto [flag, given] : {std::pair{"--endpoint-url", !options.endpoint_url.empty()},
                             std::pair{"--profile", !options.profile.empty()}}) {
    if (given) {
      return Error{
          ErrorKind::usage,
          ui::trf("{flag} cannot be used with --local (or SPAWN_LOCAL)", fmt::arg("flag", flag)),
          std::nullopt};
    }
  }
  return std::nullopt;
}

// `spawn --instance-type t3.micro --ttl 2h`: launch flags without a command mean `launch`
// (spec §1.1 [REC]). Global flags (and their values) may come first; the first word that is
// neither decides: a flag the root does not know starts a launch, anything else is left.
void default_to_launch(CLI::App& app, std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!arg.starts_with("-"))
      return;
    const CLI::Option* option = app.get_option_no_throw(arg.substr(0, arg.find('=')));
    if (option == nullptr) {
      args.insert(args.begin(), "launch");
      return;
    }
    if (option->get_expected_min() > 0 && arg.find('=') == std::string::npos)
      ++i;  // the option's value
  }
}

// Extra words the root could not place: an unknown command, or a stray argument.
Error unexpected_arguments(const std::vector<std::string>& extras) {
  const std::string& first = extras.front();
  if (first.starts_with("-")) {
    return {ErrorKind::usage, ui::trf("unknown flag `{flag}`", fmt::arg("flag", first)), {}};
  }
  return {ErrorKind::usage, ui::trf("unknown command `{command}`", fmt::arg("command", first)), {}};
}

// Parses the command line. Returns the exit code when that already finished the job (help was
// asked for, or the command line is wrong), nullopt when there is more to do.
std::optional<int> parse_command_line(CLI::App& app, const std::vector<BoundCommand>& bound,
                                      std::vector<std::string> args, const ErrorReporter& reporter,
                                      std::ostream& out) {
  std::reverse(args.begin(), args.end());  // CLI11 takes them last first
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp&) {
    const BoundCommand* command = selected(bound);
    if (command == nullptr) {
      print_overview(out, app);
    } else {
      print_command_help(out, *command->app);
    }
    return ui::kExitOk;
  } catch (const CLI::ParseError& parse_error) {
    return reporter.report({ErrorKind::usage, parse_error.what(), {}});
  }
  if (!app.remaining().empty())
    return reporter.report(unexpected_arguments(app.remaining()));
  return std::nullopt;
}

int run_command(const BoundCommand& command, const GlobalOptions& options, const Environment& env,
                Streams streams, Terminal terminal, const ErrorReporter& reporter) {
  ui::DebugLog debug_log(streams.err);
  Context context(options, env, streams,
                  session_factory_for(*command.command, options, env, debug_log, streams.err),
                  terminal);
  auto result = command.handler(context);
  return result ? ui::kExitOk : reporter.report(result.error());
}

}  // namespace

std::string message_language(const std::vector<std::string>& args, const Environment& env) {
  return ui::detect_language(lang_flag_in(args), env);
}

int run(std::vector<std::string> args, const Environment& env, Streams streams, Terminal terminal) {
  GlobalOptions options;
  CLI::App app(std::string(ui::tr("spawn launches AWS instances that clean up after themselves.")),
               "spawn");
  add_global_flags(app, options);
  app.fallthrough();  // global flags also after the command: `spawn whoami --region X`
  std::vector<BoundCommand> bound = add_commands(app);
  app.require_subcommand(0, 1);  // one command; later words are that command's arguments
  app.allow_extras();            // after the commands, which keep rejecting extras themselves
  ErrorReporter reporter(options, env, streams.err, terminal);
  default_to_launch(app, args);

  if (auto exit_code = parse_command_line(app, bound, std::move(args), reporter, streams.out)) {
    return *exit_code;
  }
  options.local = options.local || local_requested_by(env);
  if (auto conflict = local_mode_conflict(options))
    return reporter.report(*conflict);
  if (options.version) {
    print_version(streams.out);
    return ui::kExitOk;
  }
  const BoundCommand* command = selected(bound);
  if (command == nullptr) {
    print_overview(streams.out, app);
    return ui::kExitOk;
  }
  return run_command(*command, options, env, streams, terminal, reporter);
}

}  // namespace spawn::cli
