// The whole user-data of a launch, run by a localcloud instance: it downloads the agent
// publish_agent put in the store through find_agent's presigned URL, checks its digest,
// starts it through its unit, and only then runs the user's --user-data and --command.
// A fake agent (a shell script that records its arguments) stands in for spored. The
// user-data writes /usr/local, /etc and /var as root, which only a bubblewrap sandbox
// keeps inside the instance, so these tests need bubblewrap (and fail, rather than skip,
// in CI).
#include "core/launch_user_data.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "localcloud/instances/isolation.hpp"
#include "localcloud_fixture.hpp"
#include "spawn/ops/agent_store.hpp"

namespace spawn::integration {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kFakeAgent =
    "#!/bin/sh\necho \"$@\" > /tmp/fake-agent-args.part\n"
    "mv /tmp/fake-agent-args.part /tmp/fake-agent-args\nexec sleep 3600\n";
constexpr std::string_view kUserScript =
    "#!/usr/bin/perl\nprint \"perl ran: \\$(not expanded) `nor this`\\n\";\n";

std::string why_user_data_cannot_run() {
  static const std::string reason = [] {
    auto probe = localcloud::probe_bubblewrap();
    return probe.bubblewrap_works
               ? std::string()
               : "the launch user-data writes system folders, kept inside the instance only "
                 "under bubblewrap: " +
                     probe.problem;
  }();
  return reason;
}

class LaunchUserData : public CloudSuite<LaunchUserData> {
 protected:
  void SetUp() override {
    CloudSuite<LaunchUserData>::SetUp();
    if (auto reason = why_user_data_cannot_run(); !reason.empty()) {
      if (std::getenv("CI") != nullptr)
        FAIL() << reason;
      GTEST_SKIP() << reason;
    }
  }

  // The fake agent, published, and where to download it.
  AgentDownload published_agent() {
    agents_.write("spored-linux-amd64", kFakeAgent, std::filesystem::perms(0755));
    agents_.write("spored-linux-arm64", "unused here");
    auto bucket = ops::agent_bucket_name("123456789012", "us-east-1").value();
    auto published = ops::publish_agent(cloud().client(), bucket, agents_.path());
    EXPECT_TRUE(published) << published.error().message;
    auto found = ops::find_agent(cloud().client(), bucket, "x86_64");
    EXPECT_TRUE(found && *found);
    return found && *found ? **found : AgentDownload{};
  }

  std::string launch(const UserDataInput& input) {
    auto user_data = launch_user_data(input);
    EXPECT_TRUE(user_data) << user_data.error().message;
    aws::RunInstancesRequest request;
    request.user_data = user_data.value_or("");
    auto id = cloud().launch(request);
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or("");
  }

  TempDir agents_;
};

TEST_F(LaunchUserData, TheAgentStartsFirstThenTheUsersScriptAndCommandRun) {
  UserDataInput input;
  input.agent = published_agent();
  input.run_flags = "--check-interval 1s";
  input.user_script = std::string(kUserScript);
  input.command = "echo \"path=$PATH\"\necho '$(not expanded either)'\n";
  auto id = launch(input);

  EXPECT_EQ(cloud().wait_for_file(id, "/tmp/fake-agent-args"), "run --check-interval 1s\n")
      << cloud().console_of(id);
  EXPECT_EQ(cloud().file_of(id, "/usr/local/bin/spored"), std::string(kFakeAgent));
  EXPECT_TRUE(wait_until([&] {
    return cloud().file_of(id, "/var/log/spawn-command.log").value_or("").find("either") !=
           std::string::npos;
  })) << cloud().console_of(id);
  EXPECT_EQ(cloud().file_of(id, "/var/lib/spawn/user-data"), std::string(kUserScript));
  EXPECT_EQ(cloud().file_of(id, "/var/log/spawn-user-data.log"),
            "perl ran: $(not expanded) `nor this`\n");
  auto command_log = cloud().file_of(id, "/var/log/spawn-command.log").value_or("");
  EXPECT_THAT(command_log, HasSubstr("path=/usr/local/bin:"));
  EXPECT_THAT(command_log, HasSubstr("$(not expanded either)\n"));
}

TEST_F(LaunchUserData, AnAgentThatDoesNotMatchItsDigestStopsEverything) {
  UserDataInput input;
  input.agent = published_agent();
  input.agent.sha256 = std::string(64, '0');
  input.user_script = "touch /tmp/user-data-ran\n";
  auto id = launch(input);

  EXPECT_TRUE(wait_until([&] {
    return cloud().console_of(id).find("does not match its sha256") != std::string::npos;
  })) << cloud().console_of(id);
  EXPECT_TRUE(wait_until(
      [&] { return cloud().console_of(id).find("boot finished") != std::string::npos; }));
  EXPECT_FALSE(cloud().file_of(id, "/usr/local/bin/spored").has_value());
  EXPECT_FALSE(cloud().file_of(id, "/tmp/user-data-ran").has_value());
  EXPECT_FALSE(cloud().file_of(id, "/var/lib/spawn/user-data").has_value());
}

}  // namespace
}  // namespace spawn::integration
