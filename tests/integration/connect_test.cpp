// `spawn connect` against localcloud, as a child process (it replaces itself with the
// program that connects), with stand-ins for ssh, aws and session-manager-plugin on
// PATH that print the arguments they were given.
#include <gtest/gtest.h>

#include "localcloud/auth/credential_store.hpp"
#include "localcloud_fixture.hpp"
#include "platform/process.hpp"
#include "spawn_cli_runner.hpp"
#include "util/strings.hpp"

namespace spawn::integration {
namespace {

constexpr std::chrono::seconds kCommandTimeout{60};
constexpr std::string_view kPrintArguments =
    "#!/bin/sh\nprintf '%s\\n' \"$(basename \"$0\")\" \"$@\"\n";

class ConnectCommand : public CloudSuite<ConnectCommand> {
 protected:
  ConnectCommand() : spawn_(cloud()) {}

  void SetUp() override {
    CloudSuite<ConnectCommand>::SetUp();
    std::filesystem::create_directories(home_.path() / ".ssh");
  }

  // A stand-in for `program` that prints its name and arguments, one per line.
  void provide(std::string_view program) {
    tools_.write(std::string(program), kPrintArguments, std::filesystem::perms(0755));
  }
  std::filesystem::path key(std::string_view name) {
    return home_.write(".ssh/" + std::string(name), "PRIVATE KEY\n", std::filesystem::perms(0600));
  }

  platform::ProcessResult connect(std::vector<std::string> args) {
    std::vector<std::string> argv{
        "env",
        "-i",
        "PATH=" + tools_.path().string() + ":/usr/bin:/bin",
        "HOME=" + home_.path().string(),
        "XDG_DATA_HOME=" + (home_.path() / "data").string(),
        "AWS_ACCESS_KEY_ID=" + std::string(localcloud::kDefaultAccessKeyId),
        "AWS_SECRET_ACCESS_KEY=" + std::string(localcloud::kDefaultSecretAccessKey),
        "AWS_CONFIG_FILE=/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
        "AWS_EC2_METADATA_DISABLED=true",
        SPAWN_BINARY,
        "--endpoint-url",
        spawn_.endpoint(),
        "--region",
        "us-east-1"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto ran = platform::run_process(argv, {.timeout = kCommandTimeout});
    EXPECT_TRUE(ran) << ran.error().message;
    return ran ? *ran : platform::ProcessResult{-1, "", ran.error().message};
  }

  std::string launch(const std::string& name) {
    return spawn_.launch("us-east-1", spawn_tags(name));
  }
  std::string public_ip(const std::string& id) {
    auto instance = spawn_.describe("us-east-1", id);
    return instance ? instance->public_ip : "";
  }

  SpawnCli spawn_;
  TempDir home_;
  TempDir tools_;
};

std::vector<std::string> lines(const std::string& text) {
  auto words = split(text, '\n');
  if (!words.empty() && words.back().empty())
    words.pop_back();
  return words;
}

TEST_F(ConnectCommand, SshLogsInAsTheImagesUserWithTheDefaultKey) {
  provide("ssh");
  auto ed25519 = key("id_ed25519");
  auto id = launch("ssh-default");
  ASSERT_FALSE(public_ip(id).empty()) << "localcloud gives default-subnet instances a public IP";
  auto connected = connect({"connect", "ssh-default"});
  ASSERT_EQ(connected.exit_code, 0) << connected.error_output;
  EXPECT_EQ(lines(connected.output),
            (std::vector<std::string>{"ssh", "-i", ed25519.string(), "-p", "22", "-o",
                                      "StrictHostKeyChecking=accept-new", "-o", "ConnectTimeout=10",
                                      "--", "ec2-user@" + public_ip(id)}));
  EXPECT_NE(connected.error_output.find("Found instance in us-east-1"), std::string::npos);
}

TEST_F(ConnectCommand, UserPortKeyAndSshArgumentsFromTheCommandLine) {
  provide("ssh");
  key("id_ed25519");
  auto pem = key("project.pem");
  auto id = launch("ssh-flags");
  auto connected = connect({"ssh", id, "--user", "admin", "--port", "2222", "--key", "project",
                            "--", "-L", "8888:localhost:8888"});
  ASSERT_EQ(connected.exit_code, 0) << connected.error_output;
  EXPECT_EQ(
      lines(connected.output),
      (std::vector<std::string>{"ssh", "-i", pem.string(), "-p", "2222", "-o",
                                "StrictHostKeyChecking=accept-new", "-o", "ConnectTimeout=10", "-L",
                                "8888:localhost:8888", "--", "admin@" + public_ip(id)}));
}

TEST_F(ConnectCommand, SessionManagerRunsTheAwsCliWithTheInstanceAndRegion) {
  provide("aws");
  provide("session-manager-plugin");
  auto id = launch("ssm");
  auto connected = connect({"connect", id, "--session-manager"});
  ASSERT_EQ(connected.exit_code, 0) << connected.error_output;
  EXPECT_EQ(lines(connected.output),
            (std::vector<std::string>{"aws", "ssm", "start-session", "--target", id, "--region",
                                      "us-east-1"}));
}

TEST_F(ConnectCommand, ACommandRunsNonInteractivelyOverSshAndSessionManager) {
  provide("ssh");
  provide("aws");
  provide("session-manager-plugin");
  auto ed25519 = key("id_ed25519");
  auto id = launch("ssh-command");
  auto over_ssh = connect({"connect", id, "--command", "tail -n 5 /var/log/spawn-command.log"});
  ASSERT_EQ(over_ssh.exit_code, 0) << over_ssh.error_output;
  EXPECT_EQ(lines(over_ssh.output),
            (std::vector<std::string>{"ssh", "-i", ed25519.string(), "-p", "22", "-o",
                                      "StrictHostKeyChecking=accept-new", "-o", "ConnectTimeout=10",
                                      "-o", "BatchMode=yes", "--", "ec2-user@" + public_ip(id),
                                      "tail -n 5 /var/log/spawn-command.log"}));
  auto over_ssm = connect({"connect", id, "--session-manager", "--command", "echo \"hi\""});
  ASSERT_EQ(over_ssm.exit_code, 0) << over_ssm.error_output;
  EXPECT_EQ(lines(over_ssm.output),
            (std::vector<std::string>{"aws", "ssm", "start-session", "--target", id, "--region",
                                      "us-east-1", "--document-name", "AWS-StartInteractiveCommand",
                                      "--parameters", R"({"command":["echo \"hi\""]})"}));
}

TEST_F(ConnectCommand, SessionManagerWithoutThePluginSaysWhatToInstall) {
  auto id = launch("ssm-missing");
  auto refused = connect({"connect", id, "--session-manager"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.error_output.find("session-manager-plugin"), std::string::npos)
      << refused.error_output;
  EXPECT_NE(refused.error_output.find("https://aws.amazon.com/cli/"), std::string::npos)
      << refused.error_output;
}

TEST_F(ConnectCommand, WithoutAnyKeyOrSessionManagerItSaysWhereItLooked) {
  auto id = launch("keyless");
  auto refused = connect({"connect", id});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.error_output.find("id_ed25519"), std::string::npos) << refused.error_output;
  EXPECT_NE(refused.error_output.find("--key"), std::string::npos) << refused.error_output;
}

TEST_F(ConnectCommand, WithoutAKeyFileSessionManagerIsTheFallback) {
  provide("ssh");
  provide("aws");
  provide("session-manager-plugin");
  auto id = launch("fallback");
  auto connected = connect({"connect", id});
  ASSERT_EQ(connected.exit_code, 0) << connected.error_output;
  EXPECT_EQ(lines(connected.output).front(), "aws");
  EXPECT_NE(connected.error_output.find("trying Session Manager"), std::string::npos)
      << connected.error_output;
}

TEST_F(ConnectCommand, AStoppedInstanceIsNotConnectedTo) {
  provide("ssh");
  key("id_ed25519");
  auto id = launch("stopped");
  ASSERT_TRUE(cloud().ec2().stop_instances({.instance_ids = {id}}));
  ASSERT_TRUE(spawn_.wait_for_state("us-east-1", id, "stopped"));
  auto refused = connect({"connect", id});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.error_output.find("instance is not running (state: stopped)"),
            std::string::npos)
      << refused.error_output;
  EXPECT_EQ(refused.output, "") << "ssh was not run";
}

}  // namespace
}  // namespace spawn::integration
