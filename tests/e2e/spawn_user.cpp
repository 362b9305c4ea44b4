#include "spawn_user.hpp"

#include <nlohmann/json.hpp>
#include <sstream>

#include "localcloud/app/localcloud.hpp"
#include "spawn/cli.hpp"

namespace spawn::e2e {

namespace fs = std::filesystem;

namespace {

// Both architectures' names must exist for publishing; instances here run on this machine, so
// the amd64 agent is the one they use.
void supply_agents(const fs::path& agent_dir) {
  fs::create_directories(agent_dir);
  for (const char* name : {"spored-linux-amd64", "spored-linux-arm64"})
    fs::copy_file(SPORED_BINARY, agent_dir / name, fs::copy_options::overwrite_existing);
}

}  // namespace

SpawnUser::SpawnUser(integration::TestCloud& cloud) : endpoint_(cloud.endpoint_url()) {
  fs::path agent_dir = home_.path() / "agent";
  supply_agents(agent_dir);
  for (auto [name, value] : std::initializer_list<std::pair<const char*, std::string>>{
           {"HOME", home_.path().string()},
           {"USER", "tester"},
           {"XDG_DATA_HOME", (home_.path() / ".local/share").string()},
           {"SPAWN_AGENT_DIR", agent_dir.string()},
           {"AWS_ACCESS_KEY_ID", std::string(localcloud::kDefaultAccessKeyId)},
           {"AWS_SECRET_ACCESS_KEY", std::string(localcloud::kDefaultSecretAccessKey)},
           {"AWS_REGION", "us-east-1"},
           {"AWS_CONFIG_FILE", "/dev/null"},
           {"AWS_SHARED_CREDENTIALS_FILE", "/dev/null"},
           {"AWS_EC2_METADATA_DISABLED", "true"},
           {"PATH", "/usr/local/bin:/usr/bin:/bin"}}) {
    env_.set(name, value);
  }
}

CliRun SpawnUser::run(std::vector<std::string> args, const std::string& input) {
  args.insert(args.begin(), {"--endpoint-url", endpoint_});
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in(input);
  CliRun result;
  result.exit_code = cli::run(std::move(args), env_, {out, err, &in}, {});
  result.out = out.str();
  result.err = err.str();
  return result;
}

std::vector<std::string> SpawnUser::environment_lines() const {
  std::vector<std::string> lines;
  for (const char* name : {"HOME", "USER", "XDG_DATA_HOME", "SPAWN_AGENT_DIR", "AWS_ACCESS_KEY_ID",
                           "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_CONFIG_FILE",
                           "AWS_SHARED_CREDENTIALS_FILE", "AWS_EC2_METADATA_DISABLED", "PATH"}) {
    lines.push_back(std::string(name) + "=" + env_.get(name).value_or(""));
  }
  return lines;
}

std::string launched_id(const CliRun& run) {
  auto document = nlohmann::json::parse(run.out, nullptr, false);
  if (!document.is_object() || !document.contains("instance_id") ||
      !document["instance_id"].is_string())
    return "";
  return document["instance_id"].get<std::string>();
}

}  // namespace spawn::e2e
