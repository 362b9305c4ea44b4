// `spawn-localcloud shell`: a command (or a shell) inside a running instance's
// sandbox sees what the instance's own processes see. The sandbox is the
// instance's only with bubblewrap; the plain fallback shows this machine's files,
// so those tests need bubblewrap (and fail, rather than skip, in CI).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "localcloud/instances/isolation.hpp"
#include "localcloud_fixture.hpp"
#include "platform/process.hpp"

namespace spawn::integration {
namespace {

constexpr std::chrono::seconds kShellTimeout{30};

std::string why_sandboxes_are_not_isolated() {
  static const std::string reason = [] {
    auto probe = localcloud::probe_bubblewrap();
    return probe.bubblewrap_works
               ? std::string()
               : "the shell shows the instance's own files only under bubblewrap: " + probe.problem;
  }();
  return reason;
}

class SandboxShell : public CloudSuite<SandboxShell> {
 protected:
  platform::ProcessResult shell(const std::string& instance_id,
                                std::vector<std::string> command = {}) {
    std::vector<std::string> argv{LOCALCLOUD_BINARY, "shell", "--state-dir",
                                  cloud().state_dir().string(), instance_id};
    if (!command.empty()) {
      argv.emplace_back("--");
      argv.insert(argv.end(), command.begin(), command.end());
    }
    auto ran = platform::run_process(argv, {.timeout = kShellTimeout});
    EXPECT_TRUE(ran) << ran.error().message;
    return ran ? *ran : platform::ProcessResult{-1, "", ran.error().message};
  }

  // An instance whose user-data wrote /tmp/marker, running.
  std::string marked_instance() {
    aws::RunInstancesRequest request;
    request.user_data = bash_user_data("put /tmp/marker from-user-data\n");
    auto id = cloud().launch(request);
    EXPECT_TRUE(id) << id.error().message;
    if (!id)
      return "";
    EXPECT_EQ(cloud().wait_for_file(*id, "/tmp/marker"), "from-user-data\n")
        << cloud().console_of(*id);
    return *id;
  }

  void require_isolation() {
    if (auto reason = why_sandboxes_are_not_isolated(); !reason.empty()) {
      if (std::getenv("CI") != nullptr)
        FAIL() << reason;
      GTEST_SKIP() << reason;
    }
  }
};

TEST_F(SandboxShell, ACommandSeesTheInstancesFilesAndItsExitStatusIsTheShells) {
  require_isolation();
  auto id = marked_instance();
  auto marker = shell(id, {"cat", "/tmp/marker"});
  EXPECT_EQ(marker.exit_code, 0) << marker.error_output;
  EXPECT_EQ(marker.output, "from-user-data\n");
  auto written = shell(id, {"sh", "-c", "echo from-shell > /tmp/written; exit 3"});
  EXPECT_EQ(written.exit_code, 3) << written.error_output;
  EXPECT_EQ(cloud().file_of(id, "/tmp/written"), "from-shell\n");
}

TEST_F(SandboxShell, TheShellHasTheInstancesHostnameAndMetadataEndpoint) {
  require_isolation();
  auto id = marked_instance();
  auto instance = cloud().describe(id);
  ASSERT_TRUE(instance);
  std::string dashed = instance->private_ip;
  std::replace(dashed.begin(), dashed.end(), '.', '-');
  auto hostname = shell(id, {"hostname"});
  EXPECT_EQ(hostname.exit_code, 0) << hostname.error_output;
  EXPECT_EQ(hostname.output, "ip-" + dashed + ".ec2.internal\n");
  auto imds = shell(id, {"sh", "-c", "echo \"$AWS_EC2_METADATA_SERVICE_ENDPOINT\""});
  EXPECT_EQ(imds.output.rfind("http://" + instance->private_ip + ":", 0), 0u) << imds.output;
}

TEST_F(SandboxShell, WithoutACommandItIsABashReadingItsInput) {
  require_isolation();
  auto id = marked_instance();
  auto interactive = shell(id);  // stdin is /dev/null: bash reads nothing and exits 0
  EXPECT_EQ(interactive.exit_code, 0) << interactive.error_output;
}

TEST_F(SandboxShell, AStoppedInstanceIsRefusedWithItsState) {
  auto id = marked_instance();
  ASSERT_TRUE(cloud().ec2().stop_instances({.instance_ids = {id}}));
  ASSERT_TRUE(cloud().wait_for_state(id, "stopped"));
  auto refused = shell(id, {"true"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.error_output.find("is stopped, not running"), std::string::npos)
      << refused.error_output;
}

TEST_F(SandboxShell, AnUnknownInstanceIsRefused) {
  auto refused = shell("i-0000000000000dead", {"true"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.error_output.find("no instance i-0000000000000dead"), std::string::npos)
      << refused.error_output;
}

TEST(SandboxShellWithoutServer, SaysThatNoServerServesTheStateDir) {
  TempDir empty;
  auto ran = platform::run_process(
      {LOCALCLOUD_BINARY, "shell", "--state-dir", empty.path().string(), "i-0123", "--", "true"},
      {.timeout = kShellTimeout});
  ASSERT_TRUE(ran) << ran.error().message;
  EXPECT_EQ(ran->exit_code, 1);
  EXPECT_NE(ran->error_output.find("no spawn-localcloud is serving"), std::string::npos)
      << ran->error_output;
}

}  // namespace
}  // namespace spawn::integration
