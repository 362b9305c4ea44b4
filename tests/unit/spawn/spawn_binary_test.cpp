// Black-box tests of the built `spawn` binary, run as a child process with an
// environment made from scratch (through `env -i`), as a user would run it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/version.hpp"
#include "gettext_tools.hpp"
#include "platform/process.hpp"

namespace spawn {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::TempDir;

constexpr std::chrono::seconds kChildTimeout{30};
constexpr std::chrono::seconds kServerStartDeadline{10};
constexpr std::string_view kAccessKey = "AKIDEXAMPLETESTKEY01";
constexpr std::string_view kSecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYTESTSECRET";

using Vars = std::map<std::string, std::string>;

platform::ProcessResult run_spawn(const Vars& vars, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/usr/bin/env", "-i"};
  for (const auto& [name, value] : vars)
    argv.push_back(name + "=" + value);
  argv.push_back(SPAWN_BINARY);
  argv.insert(argv.end(), args.begin(), args.end());
  platform::ProcessOptions options;
  options.timeout = kChildTimeout;
  auto result = platform::run_process(argv, options);
  EXPECT_TRUE(result) << "could not run spawn: " << result.error().message;
  return result ? *result : platform::ProcessResult{-1, "", "", false};
}

// A home folder with nothing in it and no AWS settings at all.
Vars bare_environment(const TempDir& home) {
  return {{"HOME", home.path().string()}, {"AWS_EC2_METADATA_DISABLED", "true"}};
}

TEST(SpawnBinary, HelpListsTheCommands) {
  TempDir home;
  auto result = run_spawn(bare_environment(home), {"--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_THAT(result.output, HasSubstr("version"));
  EXPECT_THAT(result.output, HasSubstr("whoami"));
}

TEST(SpawnBinary, VersionReadsNoAwsConfiguration) {
  TempDir home;
  auto broken = home.path() / "broken-config";
  std::ofstream(broken) << "[profile default\nthis is = = not ini\n";
  Vars vars = bare_environment(home);
  vars["AWS_CONFIG_FILE"] = broken.string();
  vars["AWS_SHARED_CREDENTIALS_FILE"] = broken.string();

  auto version = run_spawn(vars, {"version"});
  EXPECT_EQ(version.exit_code, 0) << version.error_output;
  EXPECT_EQ(version.output, "spawn " + std::string(kVersion) + "\n");
  EXPECT_EQ(version.error_output, "");

  // The same environment does break a command that reads the configuration.
  vars["AWS_REGION"] = "us-east-1";
  auto whoami = run_spawn(vars, {"whoami"});
  EXPECT_NE(whoami.exit_code, 0);
  EXPECT_THAT(whoami.error_output, HasSubstr("broken-config"));
}

TEST(SpawnBinary, UnknownCommandExitsWithTwo) {
  TempDir home;
  auto result = run_spawn(bare_environment(home), {"nosuch"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.error_output, HasSubstr("nosuch"));
}

TEST(SpawnBinary, WhoamiWithoutCredentialsSaysHowToGetThem) {
  TempDir home;
  Vars vars = bare_environment(home);
  vars["AWS_REGION"] = "us-east-1";
  auto result = run_spawn(vars, {"whoami"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.error_output, HasSubstr("aws configure"));
  EXPECT_THAT(result.error_output, HasSubstr("--profile"));
  EXPECT_EQ(result.output, "");
}

// STS on 127.0.0.1: answers GetCallerIdentity and records what it was sent.
class FakeSts {
 public:
  FakeSts() {
    server_.Post("/", [this](const httplib::Request& request, httplib::Response& response) {
      answer(request, response);
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    auto deadline = std::chrono::steady_clock::now() + kServerStartDeadline;
    while (!server_.is_running() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
  }
  ~FakeSts() {
    server_.stop();
    thread_.join();
  }
  FakeSts(const FakeSts&) = delete;
  FakeSts& operator=(const FakeSts&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  bool running() const { return port_ > 0 && server_.is_running(); }
  std::vector<std::string> authorizations() {
    std::lock_guard lock(mutex_);
    return authorizations_;
  }

 private:
  void answer(const httplib::Request& request, httplib::Response& response) {
    {
      std::lock_guard lock(mutex_);
      authorizations_.push_back(request.get_header_value("Authorization"));
    }
    if (request.body.find("Action=GetCallerIdentity") == std::string::npos) {
      response.status = 400;
      return;
    }
    response.set_header("x-amzn-RequestId", "fake-request-1");
    response.set_content(
        R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::123456789012:user/alice</Arn>
    <UserId>AIDAEXAMPLEUSERID</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>fake-request-1</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>)",
        "text/xml");
  }

  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::string> authorizations_;
};

Vars fake_sts_environment(const TempDir& home, const FakeSts& sts) {
  Vars vars = bare_environment(home);
  vars["AWS_ENDPOINT_URL"] = sts.url();
  vars["AWS_REGION"] = "us-east-1";
  vars["AWS_ACCESS_KEY_ID"] = kAccessKey;
  vars["AWS_SECRET_ACCESS_KEY"] = kSecretKey;
  return vars;
}

TEST(SpawnBinary, WhoamiPrintsAccountArnAndRegion) {
  TempDir home;
  FakeSts sts;
  ASSERT_TRUE(sts.running());
  auto result = run_spawn(fake_sts_environment(home, sts), {"whoami"});
  EXPECT_EQ(result.exit_code, 0) << result.error_output;
  EXPECT_THAT(result.output, HasSubstr("123456789012"));
  EXPECT_THAT(result.output, HasSubstr("arn:aws:iam::123456789012:user/alice"));
  EXPECT_THAT(result.output, HasSubstr("us-east-1"));
  ASSERT_EQ(sts.authorizations().size(), 1u);
  EXPECT_THAT(sts.authorizations()[0], HasSubstr(std::string(kAccessKey)));  // it was signed
}

TEST(SpawnBinary, WhoamiJsonHasTheFourFields) {
  TempDir home;
  FakeSts sts;
  ASSERT_TRUE(sts.running());
  auto result = run_spawn(fake_sts_environment(home, sts), {"whoami", "--output", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.error_output;
  auto document = nlohmann::json::parse(result.output, nullptr, false);
  ASSERT_FALSE(document.is_discarded()) << result.output;
  EXPECT_EQ(document, nlohmann::json({{"account", "123456789012"},
                                      {"arn", "arn:aws:iam::123456789012:user/alice"},
                                      {"user_id", "AIDAEXAMPLEUSERID"},
                                      {"region", "us-east-1"}}));
}

TEST(SpawnBinary, GlobalFlagsChooseProfileRegionAndEndpoint) {
  TempDir home;
  FakeSts sts;
  ASSERT_TRUE(sts.running());
  auto config = home.path() / "config";
  std::ofstream(config) << "[profile dev]\nregion = ap-south-1\n";
  auto credentials = home.path() / "credentials";
  std::ofstream(credentials) << "[dev]\naws_access_key_id = " << kAccessKey
                             << "\naws_secret_access_key = " << kSecretKey << "\n";
  Vars vars = bare_environment(home);
  vars["AWS_CONFIG_FILE"] = config.string();
  vars["AWS_SHARED_CREDENTIALS_FILE"] = credentials.string();

  auto from_profile = run_spawn(vars, {"--profile", "dev", "--endpoint-url", sts.url(), "whoami"});
  EXPECT_EQ(from_profile.exit_code, 0) << from_profile.error_output;
  EXPECT_THAT(from_profile.output, HasSubstr("ap-south-1"));

  auto from_flag = run_spawn(
      vars, {"--profile", "dev", "--region", "eu-west-2", "--endpoint-url", sts.url(), "whoami"});
  EXPECT_EQ(from_flag.exit_code, 0) << from_flag.error_output;
  EXPECT_THAT(from_flag.output, HasSubstr("eu-west-2"));
  EXPECT_EQ(sts.authorizations().size(), 2u);
}

TEST(SpawnBinary, DebugPrintsTheCallWithoutSecrets) {
  TempDir home;
  FakeSts sts;
  ASSERT_TRUE(sts.running());
  auto result = run_spawn(fake_sts_environment(home, sts), {"--debug", "whoami"});
  EXPECT_EQ(result.exit_code, 0) << result.error_output;
  EXPECT_THAT(result.error_output,
              HasSubstr("[debug] sts GetCallerIdentity us-east-1 HTTP 200 attempt 1 "));
  EXPECT_THAT(result.error_output, HasSubstr("request-id fake-request-1"));
  EXPECT_THAT(result.error_output, Not(HasSubstr("Signature=")));
  EXPECT_THAT(result.error_output, Not(HasSubstr(std::string(kSecretKey))));
  EXPECT_THAT(result.output, Not(HasSubstr(std::string(kSecretKey))));
}

}  // namespace
}  // namespace spawn
