// `spored complete`: writes the completion file the agent watches. The file is
// the instance's spawn:completion-file when the agent has recorded one, so a
// workload never has to know where it is.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "spored/agent_paths.hpp"
#include "spored/agent_state.hpp"
#include "spored/cli/commands.hpp"
#include "util/file.hpp"
#include "util/time_format.hpp"

namespace spawn::spored {

namespace {

struct CompleteOptions {
  std::string file;  // empty: the agent's completion file
  std::string status;
  std::string message;
};

std::filesystem::path completion_file(const CompleteOptions& options, const AgentPaths& paths) {
  if (!options.file.empty())
    return options.file;
  auto state = load_agent_state(paths.state_file);
  auto configured = state ? state->config.completion_file : std::string(kDefaultCompletionFile);
  return under_root(paths, configured);
}

// Empty without status and message: the file's existence is the signal.
std::string completion_content(const CompleteOptions& options) {
  if (options.status.empty() && options.message.empty())
    return {};
  nlohmann::json document = nlohmann::json::object();
  if (!options.status.empty())
    document["status"] = options.status;
  if (!options.message.empty())
    document["message"] = options.message;
  document["timestamp"] = format_iso8601(std::chrono::system_clock::now());
  return document.dump(2) + "\n";
}

int complete(const CompleteOptions& options, const Environment& env, Streams streams) {
  auto path = completion_file(options, agent_paths(env));
  auto written = write_file_atomic(path, completion_content(options));
  if (!written) {
    streams.err << fmt::format("spored: cannot write the completion file {}: {}\n", path.string(),
                               written.error().message);
    return 1;
  }
  streams.out << fmt::format("Completion signal sent to {}\n", path.string());
  if (!options.status.empty())
    streams.out << fmt::format("  Status:  {}\n", options.status);
  if (!options.message.empty())
    streams.out << fmt::format("  Message: {}\n", options.message);
  return 0;
}

}  // namespace

Action setup_complete(CLI::App& command) {
  auto options = std::make_shared<CompleteOptions>();
  command.add_option("-f,--file", options->file,
                     "Completion file (default: the instance's spawn:completion-file)");
  command.add_option("-s,--status", options->status, "How the workload ended")
      ->check(CLI::IsMember({"success", "failed"}));
  command.add_option("-m,--message", options->message, "A line to record with the status");
  return [options](const Environment& env, Streams streams) {
    return complete(*options, env, streams);
  };
}

}  // namespace spawn::spored
