// The parts of `spawn --local` that need no server: where its state lives, which
// spawn-localcloud it runs, and what the session's environment keeps of the user's.
#include "spawn/ops/local_cloud.hpp"

#include <gtest/gtest.h>

#include "spawn/commands/command_table.hpp"
#include "spawn/local_session.hpp"
#include "temp_dir.hpp"

namespace spawn::ops {
namespace {

using testing::TempDir;

LocalCloud test_cloud() {
  return LocalCloud{
      "http://127.0.0.1:4580", "AKIALOCAL", "local-secret", "us-east-1", "/state", false};
}

TEST(LocalCloudEnvironment, UsesTheCloudsKeysAndHidesTheUsersAwsSetUp) {
  MapEnvironment user;
  for (const char* name : {"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN",
                           "AWS_ENDPOINT_URL", "AWS_DEFAULT_REGION", "AWS_ROLE_ARN",
                           "AWS_WEB_IDENTITY_TOKEN_FILE", "HTTP_PROXY", "http_proxy"}) {
    user.set(name, "from-the-user");
  }
  user.set("AWS_ACCESS_KEY_ID", "AKIAREAL");
  user.set("AWS_SECRET_ACCESS_KEY", "real-secret");
  user.set("AWS_CONFIG_FILE", "/home/alice/.aws/config");
  user.set("HOME", "/home/alice");
  auto env = local_cloud_environment(user, test_cloud());
  EXPECT_EQ(env->get("AWS_ACCESS_KEY_ID"), "AKIALOCAL");
  EXPECT_EQ(env->get("AWS_SECRET_ACCESS_KEY"), "local-secret");
  EXPECT_EQ(env->get("AWS_REGION"), "us-east-1");
  EXPECT_EQ(env->get("AWS_CONFIG_FILE"), "/dev/null");
  EXPECT_EQ(env->get("AWS_SHARED_CREDENTIALS_FILE"), "/dev/null");
  EXPECT_EQ(env->get("AWS_EC2_METADATA_DISABLED"), "true");
  for (const char* name : {"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN",
                           "AWS_ENDPOINT_URL", "AWS_DEFAULT_REGION", "AWS_ROLE_ARN",
                           "AWS_WEB_IDENTITY_TOKEN_FILE", "HTTP_PROXY", "http_proxy"}) {
    EXPECT_EQ(env->get(name), std::nullopt) << name;
  }
  EXPECT_EQ(env->get("HOME"), "/home/alice");
  EXPECT_EQ(local_cloud_environment(user, test_cloud(), "eu-west-1")->get("AWS_REGION"),
            "eu-west-1");
}

TEST(LocalCloudStateDir, IsUnderSpawnsDataFolder) {
  MapEnvironment env;
  env.set("XDG_DATA_HOME", "/data");
  EXPECT_EQ(local_cloud_state_dir(env), std::filesystem::path("/data/spawn/localcloud"));
  MapEnvironment home_only;
  home_only.set("HOME", "/home/alice");
  EXPECT_EQ(local_cloud_state_dir(home_only),
            std::filesystem::path("/home/alice/.local/share/spawn/localcloud"));
}

TEST(FindLocalCloudProgram, SpawnLocalcloudVariableWinsAndMustBeAProgram) {
  TempDir dir;
  auto pinned = dir.write("my-localcloud", "#!/bin/sh\n", std::filesystem::perms(0755));
  auto on_path = dir.write("bin/spawn-localcloud", "#!/bin/sh\n", std::filesystem::perms(0755));
  MapEnvironment env;
  env.set("PATH", on_path.parent_path().string());
  env.set("SPAWN_LOCALCLOUD", pinned.string());
  EXPECT_EQ(find_local_cloud_program(env), pinned);
  env.set("SPAWN_LOCALCLOUD", (dir.path() / "missing").string());
  auto missing = find_local_cloud_program(env);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::not_found);
  EXPECT_NE(missing.error().hint.find("SPAWN_LOCALCLOUD"), std::string::npos);
}

TEST(FindLocalCloudProgram, LooksOnPath) {
  TempDir dir;
  auto on_path = dir.write("bin/spawn-localcloud", "#!/bin/sh\n", std::filesystem::perms(0755));
  MapEnvironment env;
  env.set("PATH", "/nonexistent:" + on_path.parent_path().string());
  EXPECT_EQ(find_local_cloud_program(env), on_path);
}

TEST(LocalRequested, SpawnLocalTurnsItOnWithYesLikeValues) {
  for (const char* yes : {"1", "true", "TRUE", "yes", "on"}) {
    MapEnvironment env;
    env.set("SPAWN_LOCAL", yes);
    EXPECT_TRUE(cli::local_requested_by(env)) << yes;
  }
  for (const char* no : {"0", "", "false", "no", "off"}) {
    MapEnvironment env;
    env.set("SPAWN_LOCAL", no);
    EXPECT_FALSE(cli::local_requested_by(env)) << no;
  }
  EXPECT_FALSE(cli::local_requested_by(MapEnvironment()));
}

TEST(LocalCommands, LocalcloudNeverBuildsASessionAndSshIsConnect) {
  // `spawn localcloud status` must not start the server just by asking for a session.
  EXPECT_EQ(cli::find_command("localcloud")->needs, cli::Needs::nothing);
  EXPECT_EQ(cli::find_command("ssh"), cli::find_command("connect"));
  EXPECT_EQ(cli::find_command("connect")->needs, cli::Needs::aws);
}

}  // namespace
}  // namespace spawn::ops
