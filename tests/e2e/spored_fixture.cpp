// The user-data holds the launch's own install lines (agent_install_script: download
// with curl from a presigned URL, check the sha256, install the packaged unit with
// intervals a test can wait for, `systemctl enable --now`; localcloud's systemctl shim
// runs the unit, Restart= included). Around them: the test's own shell and the unit's
// Environment= lines.
//
// Termination deletes an instance's folder, log and console included, and several
// tests must read the log after it. So once the agent has started, its log and the
// console are hard-linked out of the instance folder: the links are the same files,
// which keep growing while the instance runs and outlive its deletion.
#include "spored_fixture.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <regex>

#include "core/spored_role_policy.hpp"
#include "localcloud/instances/isolation.hpp"
#include "util/crypto.hpp"
#include "util/file.hpp"
#include "util/time_format.hpp"

namespace spawn::e2e {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kBucket = "spawn-e2e-agent";
constexpr std::string_view kBinaryKey = "spored";
constexpr std::chrono::hours kUrlLifetime{1};
constexpr std::string_view kRole = "spawn-e2e-spored";
constexpr std::string_view kTrustPolicy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
    R"("Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
// Boot, the download of a Debug static binary and the agent's first line.
constexpr std::chrono::seconds kAgentStartDeadline{30};
constexpr std::string_view kKeptFolder = "kept-by-tests";

// Uploads the binary; its sha256.
Result<std::string> upload_binary(TestCloud& cloud) {
  auto binary = read_file(SPORED_BINARY);
  if (!binary)
    return std::unexpected(binary.error());
  if (auto created = cloud.s3().create_bucket(std::string(kBucket)); !created)
    return std::unexpected(created.error());
  aws::PutObjectRequest request;
  request.bucket = kBucket;
  request.key = kBinaryKey;
  request.body = std::move(*binary);
  if (auto put = cloud.s3().put_object(request); !put)
    return std::unexpected(put.error());
  return sha256_hex(request.body);
}

Result<void> create_instance_profile(TestCloud& cloud) {
  std::string name(kRole);
  aws::CreateRoleRequest role;
  role.name = name;
  role.assume_role_policy = kTrustPolicy;
  if (auto created = cloud.iam().create_role(role); !created)
    return std::unexpected(created.error());
  if (auto policy = cloud.iam().put_role_policy(name, "spored", spored_role_policy()); !policy)
    return policy;
  aws::CreateInstanceProfileRequest profile_request;
  profile_request.name = name;
  if (auto profile = cloud.iam().create_instance_profile(profile_request); !profile)
    return std::unexpected(profile.error());
  return cloud.iam().add_role_to_instance_profile(name, name);
}

// The install lines with the instance's flags, and its Environment= lines in the unit.
Result<std::string> install_lines(const AgentDownload& download, const AgentInstance& instance) {
  auto lines = agent_install_script(download, instance.run_flags);
  constexpr std::string_view kService = "[Service]\n";
  auto service = lines.find(kService);
  if (service == std::string::npos)
    return fail(ErrorKind::parse, "the agent's unit has no [Service] section");
  std::string environment;
  for (const auto& variable : instance.unit_environment)
    environment += "Environment=" + variable + "\n";
  lines.insert(service + kService.size(), environment);
  return lines;
}

Result<std::string> user_data(const AgentDownload& download, const AgentInstance& instance) {
  auto install = install_lines(download, instance);
  if (!install)
    return std::unexpected(install.error());
  return integration::bash_user_data(instance.before_agent + *install + instance.after_agent);
}

aws::RunInstancesRequest launch_request(const AgentSupply& supply, const AgentInstance& instance) {
  std::vector<aws::Tag> tags{{"spawn:managed", "true"}};
  tags.insert(tags.end(), instance.tags.begin(), instance.tags.end());
  aws::RunInstancesRequest request;
  request.instance_type = instance.instance_type;
  request.iam_instance_profile_name = supply.instance_profile;
  request.tag_specifications = {{"instance", tags}};
  request.metadata_options = {.http_tokens = "required",
                              .http_endpoint = instance.metadata_endpoint ? "enabled" : "disabled",
                              .instance_metadata_tags = "enabled"};
  request.instance_initiated_shutdown_behavior = "terminate";
  request.hibernation_configured = instance.hibernation;
  if (instance.spot)
    request.spot = aws::SpotOptions{.spot_instance_type = "one-time",
                                    .instance_interruption_behavior = "terminate"};
  return request;
}

fs::path kept_path(TestCloud& cloud, const std::string& instance_id, std::string_view name) {
  return cloud.state_dir() / kKeptFolder / instance_id / name;
}

Result<void> keep(TestCloud& cloud, const std::string& instance_id, const fs::path& file) {
  auto kept = kept_path(cloud, instance_id, file.filename().string());
  std::error_code error;
  fs::create_directories(kept.parent_path(), error);
  if (!error)
    fs::create_hard_link(file, kept, error);
  if (error)
    return fail(ErrorKind::io, fmt::format("cannot keep {}: {}", file.string(), error.message()));
  return {};
}

}  // namespace

void require_agents() {
  if (auto reason = why_agents_cannot_run(); !reason.empty()) {
    if (std::getenv("CI") != nullptr)
      FAIL() << reason;
    GTEST_SKIP() << reason;
  }
}

std::string why_agents_cannot_run() {
  static const std::string reason = [] {
    if (::geteuid() != 0)
      return std::string("the e2e tests install spored as root inside instances: run them as root");
    auto probe = localcloud::probe_bubblewrap();
    if (!probe.bubblewrap_works)
      return "localcloud cannot isolate instances here, and an agent installed as root without "
             "bubblewrap would be this machine's: " +
             probe.problem;
    return std::string();
  }();
  return reason;
}

Result<AgentSupply> supply_agent(TestCloud& cloud) {
  auto sha256 = upload_binary(cloud);
  if (!sha256)
    return std::unexpected(sha256.error());
  auto url = cloud.s3().presign_get(std::string(kBucket), std::string(kBinaryKey), kUrlLifetime);
  if (!url)
    return std::unexpected(url.error());
  if (auto profile = create_instance_profile(cloud); !profile)
    return std::unexpected(profile.error());
  return AgentSupply{.download = {*url, *sha256}, .instance_profile = std::string(kRole)};
}

Result<std::string> launch_agent(TestCloud& cloud, const AgentSupply& supply,
                                 const AgentInstance& instance) {
  auto request = launch_request(supply, instance);
  auto data = user_data(supply.download, instance);
  if (!data)
    return std::unexpected(data.error());
  request.user_data = *data;
  auto id = cloud.launch(request);
  if (!id)
    return id;
  auto log = cloud.root_of(*id) / fs::path(kLogFile).relative_path();
  if (!wait_until([&] { return fs::exists(log); }, kAgentStartDeadline))
    return fail(ErrorKind::timeout, fmt::format("spored did not start on {}; console:\n{}", *id,
                                                cloud.console_of(*id)));
  for (const auto& file : {log, cloud.folder_of(*id) / "console.log"}) {
    if (auto kept = keep(cloud, *id, file); !kept)
      return std::unexpected(kept.error());
  }
  return id;
}

std::string kept_file(TestCloud& cloud, const std::string& instance_id, std::string_view name) {
  return integration::read_text(kept_path(cloud, instance_id, name)).value_or("");
}

std::string agent_log(TestCloud& cloud, const std::string& instance_id) {
  return kept_file(cloud, instance_id, fs::path(kLogFile).filename().string());
}

std::string agent_report(TestCloud& cloud, const std::string& instance_id) {
  return fmt::format("--- console of {} ---\n{}--- spored.log ---\n{}", instance_id,
                     kept_file(cloud, instance_id, "console.log"), agent_log(cloud, instance_id));
}

std::optional<nlohmann::json> agent_state(TestCloud& cloud, const std::string& instance_id) {
  auto text = cloud.file_of(instance_id, std::string(kStateFile));
  if (!text)
    return std::nullopt;
  auto document = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded())
    return std::nullopt;
  return document;
}

nlohmann::json wait_for_agent_state(TestCloud& cloud, const std::string& instance_id,
                                    const std::function<bool(const nlohmann::json&)>& holds,
                                    std::chrono::milliseconds timeout) {
  nlohmann::json last;
  wait_until(
      [&] {
        auto state = agent_state(cloud, instance_id);
        if (state)
          last = std::move(*state);
        return state && holds(last);
      },
      timeout);
  return last;
}

nlohmann::json member(const nlohmann::json& document, const std::string& pointer) {
  nlohmann::json::json_pointer at(pointer);
  return document.contains(at) ? document.at(at) : nlohmann::json();
}

SystemTime state_time(const nlohmann::json& value) {
  if (!value.is_string())
    return {};
  return parse_iso8601(value.get<std::string>()).value_or(SystemTime{});
}

nlohmann::json condition_of(const nlohmann::json& state, std::string_view trigger) {
  auto conditions = member(state, "/last_decision/conditions");
  for (const auto& condition : conditions) {
    if (condition.is_object() && condition.value("trigger", "") == trigger)
      return condition;
  }
  return nullptr;
}

std::optional<std::string> tag_of(TestCloud& cloud, const std::string& instance_id,
                                  std::string_view key) {
  auto instance = cloud.describe(instance_id);
  if (!instance)
    return std::nullopt;
  for (const auto& tag : instance->tags) {
    if (tag.key == key)
      return tag.value;
  }
  return std::nullopt;
}

std::vector<std::string> agent_pids(const std::string& log) {
  static const std::regex kStarting(R"(spored \S+ starting \(pid (\d+)\))");
  std::vector<std::string> pids;
  for (std::sregex_iterator match(log.begin(), log.end(), kStarting), end; match != end; ++match) {
    if (std::ranges::find(pids, (*match)[1].str()) == pids.end())
      pids.push_back((*match)[1].str());
  }
  return pids;
}

}  // namespace spawn::e2e
