#include "localcloud/app/env_command.hpp"

#include <iostream>
#include <nlohmann/json.hpp>

#include "localcloud/app/state_lock.hpp"
#include "localcloud/auth/credential_store.hpp"
#include "platform/paths.hpp"
#include "util/env.hpp"

namespace spawn::localcloud {

namespace {

nlohmann::ordered_json describe(const std::filesystem::path& dir,
                                const std::optional<ServingRecord>& running,
                                std::string_view region) {
  if (!running)
    return {{"running", false}, {"state_dir", dir.string()}};
  return {{"running", true},
          {"endpoint_url", running->endpoint_url},
          {"access_key_id", kDefaultAccessKeyId},
          {"secret_access_key", kDefaultSecretAccessKey},
          {"region", region},
          {"pid", running->pid},
          {"state_dir", dir.string()}};
}

}  // namespace

std::filesystem::path state_dir_or_default(const std::string& flag) {
  if (!flag.empty())
    return flag;
  ProcessEnvironment env;
  auto data = platform::data_dir(env);
  return data ? *data / "localcloud" : std::filesystem::path(".spawn-localcloud");
}

void print_exports(std::ostream& out, const std::string& endpoint, std::string_view region) {
  out << "export AWS_ENDPOINT_URL=" << endpoint << "\n"
      << "export AWS_ACCESS_KEY_ID=" << kDefaultAccessKeyId << "\n"
      << "export AWS_SECRET_ACCESS_KEY=" << kDefaultSecretAccessKey << "\n"
      << "export AWS_REGION=" << region << "\n"
      << std::flush;
}

CLI::App* add_env_command(CLI::App& app, EnvFlags& flags) {
  CLI::App* command =
      app.add_subcommand("env", "Print the export lines for the server that is running");
  command->add_option("--state-dir", flags.state_dir, "State dir of the server");
  command->add_option("--region", flags.region, "Region for AWS_REGION")->capture_default_str();
  command->add_flag("--json", flags.json,
                    "Print JSON instead, also when no server runs (\"running\": false)");
  return command;
}

int print_env(const EnvFlags& flags) {
  std::filesystem::path dir = state_dir_or_default(flags.state_dir);
  auto running = find_running_server(dir);
  if (flags.json) {
    std::cout << describe(dir, running, flags.region).dump() << "\n";
    return 0;
  }
  if (!running) {
    std::cerr << "spawn-localcloud: no server is serving " << dir.string()
              << "; start one with: spawn-localcloud serve\n";
    return 1;
  }
  print_exports(std::cout, running->endpoint_url, flags.region);
  return 0;
}

}  // namespace spawn::localcloud
