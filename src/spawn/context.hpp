// What a command handler gets: the global options, the environment, the output
// streams and — only for commands that need AWS — a session built on first use.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "aws/session.hpp"
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
  bool debug = false;        // --debug
  bool version = false;      // --version
  ui::DisplayFlags display;  // --no-emoji, --accessibility
};

struct Streams {
  std::ostream& out;  // results
  std::ostream& err;  // diagnostics and progress
};

using SessionFactory = std::function<Result<std::unique_ptr<aws::Session>>()>;

class Context {
 public:
  // `session_factory` is empty for commands that do not need AWS.
  Context(const GlobalOptions& options, const Environment& env, Streams streams,
          SessionFactory session_factory)
      : options_(options),
        env_(env),
        streams_(streams),
        session_factory_(std::move(session_factory)) {}

  const GlobalOptions& options() const { return options_; }
  const Environment& env() const { return env_; }
  std::ostream& out() { return streams_.out; }
  std::ostream& err() { return streams_.err; }
  ui::SymbolStyle symbols() const { return ui::symbol_style(options_.display, env_); }

  // The AWS session, built on the first call (config files are read then, not before).
  Result<aws::Session*> session();

 private:
  const GlobalOptions& options_;
  const Environment& env_;
  Streams streams_;
  SessionFactory session_factory_;
  std::unique_ptr<aws::Session> session_;
};

}  // namespace spawn::cli
