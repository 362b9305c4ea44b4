#include "localcloud_server.hpp"

#include <fstream>
#include <sstream>

namespace spawn::conformance {
namespace {

constexpr std::chrono::seconds kStartupDeadline{20};
constexpr std::chrono::seconds kStopGrace{20};
constexpr std::string_view kExport = "export ";

std::string read_log(const std::filesystem::path& log_file) {
  std::ifstream in(log_file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Stores `NAME=value` from an export line in `env`; false for a line that is not one.
bool take_export(std::string_view line, ServerEnv& env) {
  if (!line.starts_with(kExport))
    return false;
  line.remove_prefix(kExport.size());
  std::size_t equals = line.find('=');
  if (equals == std::string_view::npos)
    return false;
  std::string_view name = line.substr(0, equals);
  std::string value(line.substr(equals + 1));
  if (name == "AWS_ENDPOINT_URL")
    env.endpoint_url = value;
  else if (name == "AWS_ACCESS_KEY_ID")
    env.access_key_id = value;
  else if (name == "AWS_SECRET_ACCESS_KEY")
    env.secret_access_key = value;
  else if (name == "AWS_REGION")
    env.region = value;
  else
    return false;
  return true;
}

bool complete(const ServerEnv& env) {
  return !env.endpoint_url.empty() && !env.access_key_id.empty() &&
         !env.secret_access_key.empty() && !env.region.empty();
}

}  // namespace

std::expected<LocalcloudServer, std::string> LocalcloudServer::start(
    const std::filesystem::path& binary, const std::filesystem::path& state_dir,
    const std::filesystem::path& log_file) {
  auto process = BackgroundProcess::start({binary.string(), "serve", "--port", "0", "--state-dir",
                                           state_dir.string(), "--boot-delay", "0s"},
                                          log_file.string());
  if (!process)
    return std::unexpected("cannot start " + binary.string() + ": " + process.error());
  ServerEnv env;
  Clock::time_point deadline = Clock::now() + kStartupDeadline;
  std::string printed;
  while (!complete(env)) {
    auto line = process->read_line(deadline);
    if (!line) {
      int status = process->stop(kStopGrace);
      return std::unexpected("spawn-localcloud serve did not print its four export lines within " +
                             std::to_string(kStartupDeadline.count()) + "s (exit status " +
                             std::to_string(status) + "); stdout:\n" + printed + "stderr:\n" +
                             read_log(log_file));
    }
    printed += *line + "\n";
    take_export(*line, env);
  }
  return LocalcloudServer(std::move(*process), std::move(env));
}

int LocalcloudServer::stop() {
  return process_.stop(kStopGrace);
}

}  // namespace spawn::conformance
