#include "localcloud_suite.hpp"

#include <stdlib.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <random>

#include "ssm_lookup.hpp"

namespace spawn::conformance {
namespace {

// Everything one suite's server needs; lives from SetUpTestSuite to TearDownTestSuite.
struct SuiteState {
  std::filesystem::path root;  // the suite's temp dir: state/, home/, scratch/, server.log
  std::optional<LocalcloudServer> server;
  std::string start_error;
  AwsCli cli;
  std::string al2023_image_id;
};

std::unique_ptr<SuiteState> suite;

std::filesystem::path make_temp_root() {
  std::string pattern = ::testing::TempDir() + "spawn-conformance-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr)
    return {};
  return pattern;
}

void start_server(SuiteState& state) {
  auto server = LocalcloudServer::start(SPAWN_LOCALCLOUD_BINARY, state.root / "state",
                                        state.root / "server.log");
  if (!server) {
    state.start_error = server.error();
    return;
  }
  state.server.emplace(std::move(*server));
  state.start_error.clear();
  state.cli = AwsCli{state.server->env(), state.root / "home"};
}

std::string random_suffix() {
  static std::mt19937_64 generator{std::random_device{}()};
  static constexpr std::string_view kAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string suffix;
  for (int i = 0; i < 6; ++i)
    suffix += kAlphabet[generator() % kAlphabet.size()];
  return suffix;
}

std::string lowercase_name(std::string_view text) {
  std::string name;
  for (char c : text)
    name += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '-';
  return name;
}

}  // namespace

void LocalcloudSuite::SetUpTestSuite() {
  suite = std::make_unique<SuiteState>();
  suite->root = make_temp_root();
  if (suite->root.empty()) {
    suite->start_error = "cannot make a temp dir under " + ::testing::TempDir();
    return;
  }
  std::filesystem::create_directories(suite->root / "home");
  std::filesystem::create_directories(suite->root / "scratch");
  start_server(*suite);
}

void LocalcloudSuite::TearDownTestSuite() {
  if (!suite)
    return;
  if (suite->server)
    suite->server->stop();
  std::error_code ignored;
  std::filesystem::remove_all(suite->root, ignored);
  suite.reset();
}

void LocalcloudSuite::SetUp() {
  if (!std::filesystem::exists(kAwsCliPath))
    FAIL() << kAwsCliPath << " is missing: install awscli (scripts/install-deps.sh)";
  ASSERT_TRUE(suite && suite->server) << "spawn-localcloud did not start: " << suite->start_error;
}

AwsResult LocalcloudSuite::aws(const std::vector<std::string>& args) {
  return suite->cli.run(args);
}

nlohmann::json LocalcloudSuite::aws_ok(const std::vector<std::string>& args) {
  AwsResult result = aws(args);
  EXPECT_TRUE(result.succeeded()) << result;
  return result.json();
}

const AwsCli& LocalcloudSuite::cli() {
  return suite->cli;
}

std::string LocalcloudSuite::server_url(std::string_view path) {
  return suite->cli.env.endpoint_url + std::string(path);
}

::testing::AssertionResult LocalcloudSuite::restart_server() {
  int status = suite->server->stop();
  suite->server.reset();
  if (status != 0)
    return ::testing::AssertionFailure() << "SIGTERM ended the server with status " << status;
  start_server(*suite);
  if (!suite->server)
    return ::testing::AssertionFailure() << "restart failed: " << suite->start_error;
  return ::testing::AssertionSuccess();
}

std::string LocalcloudSuite::unique_name(std::string_view stem) const {
  std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::string name = lowercase_name(std::string(stem) + "-" + test).substr(0, 40);
  return name + "-" + random_suffix();
}

std::filesystem::path LocalcloudSuite::scratch_dir() const {
  std::filesystem::path dir = suite->root / "scratch" / unique_name("d");
  std::filesystem::create_directories(dir);
  return dir;
}

std::filesystem::path LocalcloudSuite::scratch_file(std::string_view name,
                                                    std::string_view content) const {
  std::filesystem::path path = scratch_dir() / name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

std::string LocalcloudSuite::al2023_image_id() {
  if (suite->al2023_image_id.empty()) {
    auto value = ssm_parameter_value(suite->cli.env, kAl2023X86Parameter);
    EXPECT_TRUE(value) << "ssm GetParameter " << kAl2023X86Parameter << ": " << value.error();
    suite->al2023_image_id = value.value_or("");
  }
  return suite->al2023_image_id;
}

AwsResult LocalcloudSuite::run_instances(std::string_view instance_type,
                                         const std::vector<std::string>& extra) {
  std::vector<std::string> args{"ec2",
                                "run-instances",
                                "--image-id",
                                al2023_image_id(),
                                "--instance-type",
                                std::string(instance_type)};
  args.insert(args.end(), extra.begin(), extra.end());
  return aws(args);
}

std::string instance_tag_spec(std::string_view key, std::string_view value) {
  return "ResourceType=instance,Tags=[{Key=" + std::string(key) + ",Value=" + std::string(value) +
         "}]";
}

::testing::AssertionResult fails_with(const AwsResult& result, std::string_view code) {
  constexpr int kAwsServiceErrorExit = 254;
  std::string expected = "An error occurred (" + std::string(code) + ")";
  if (result.exit_code == kAwsServiceErrorExit && result.err.find(expected) != std::string::npos)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "expected exit 254 and \"" << expected << "\" on stderr; got " << result;
}

std::vector<std::string> instance_ids(const nlohmann::json& output) {
  std::vector<std::string> ids;
  auto collect = [&ids](const nlohmann::json& instances) {
    for (const nlohmann::json& instance : instances)
      ids.push_back(text_at(instance, "/InstanceId"));
  };
  collect(json_at(output, "/Instances"));
  for (const nlohmann::json& reservation : json_at(output, "/Reservations"))
    collect(json_at(reservation, "/Instances"));
  return ids;
}

std::string file_content(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

nlohmann::json json_at(const nlohmann::json& json, const std::string& pointer) {
  nlohmann::json::json_pointer path(pointer);
  return json.contains(path) ? json.at(path) : nlohmann::json();
}

std::string text_at(const nlohmann::json& json, const std::string& pointer) {
  nlohmann::json value = json_at(json, pointer);
  return value.is_string() ? value.get<std::string>() : "";
}

nlohmann::json find_by(const nlohmann::json& list, const std::string& key,
                       const std::string& value) {
  for (const nlohmann::json& entry : list) {
    if (text_at(entry, "/" + key) == value)
      return entry;
  }
  return nullptr;
}

std::map<std::string, std::string> tag_map(const nlohmann::json& tags) {
  std::map<std::string, std::string> map;
  if (!tags.is_array())
    return map;
  for (const nlohmann::json& tag : tags)
    map[text_at(tag, "/Key")] = text_at(tag, "/Value");
  return map;
}

}  // namespace spawn::conformance
