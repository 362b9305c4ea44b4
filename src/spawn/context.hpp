// What a command handler gets: the global options, the environment, the output
// streams and — only for commands that need AWS — a session built on first use.
#pragma once

#include <filesystem>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "aws/session.hpp"
#include "platform/terminal.hpp"
#include "spawn/ui/symbols.hpp"
#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::cli {

// The flags every command accepts. Empty strings mean "not given".
struct GlobalOptions {
  std::string profile;       // --profile
  std::string region;        // --region
  std::string endpoint_url;  // --endpoint-url
  std::string lang;          // --lang
  bool local = false;        // --local, or SPAWN_LOCAL=1: AWS is spawn-localcloud
  bool debug = false;        // --debug
  bool version = false;      // --version
  ui::DisplayFlags display;  // --no-emoji, --accessibility
};

struct Streams {
  std::ostream& out;           // results
  std::ostream& err;           // diagnostics and progress
  std::istream* in = nullptr;  // piped input and answers to prompts; nullptr: none
};

// Which of the streams are terminals: colour and live progress on stderr, prompts and
// "no piped input" on stdin.
struct Terminals {
  platform::IsTerminal in = platform::IsTerminal::no;
  platform::IsTerminal err = platform::IsTerminal::no;
  platform::IsTerminal out = platform::IsTerminal::no;  // colour in results (colour_out)
};

using SessionFactory = std::function<Result<std::unique_ptr<aws::Session>>()>;

class Context {
 public:
  // `session_factory` is empty for commands that do not need AWS.
  Context(const GlobalOptions& options, const Environment& env, Streams streams,
          SessionFactory session_factory, Terminals terminals = {})
      : options_(options),
        env_(env),
        streams_(streams),
        terminals_(terminals),
        session_factory_(std::move(session_factory)) {}

  const GlobalOptions& options() const { return options_; }
  const Environment& env() const { return env_; }
  std::ostream& out() { return streams_.out; }
  std::ostream& err() { return streams_.err; }
  // Piped input or the user's answers; nullptr when there is none.
  std::istream* in() { return streams_.in; }
  const Terminals& terminals() const { return terminals_; }
  ui::SymbolStyle symbols() const { return ui::symbol_style(options_.display, env_); }
  // Whether results on stdout may be coloured (platform::choose_colour's rules).
  platform::Colour colour_out() const;
  // Where the user's answers come from, when there is a user at a terminal to ask.
  std::istream* user_input() const {
    return terminals_.in == platform::IsTerminal::yes ? streams_.in : nullptr;
  }

  // The AWS session, built on the first call (config files are read then, not before).
  Result<aws::Session*> session();

  // Whether AWS is the local cloud (--local): its instances are sandboxes on this machine.
  bool local() const { return options_.local; }
  // Where the local cloud keeps its state (instances' files among it).
  Result<std::filesystem::path> local_state_dir() const;

 private:
  const GlobalOptions& options_;
  const Environment& env_;
  Streams streams_;
  Terminals terminals_;
  SessionFactory session_factory_;
  std::unique_ptr<aws::Session> session_;
};

}  // namespace spawn::cli
