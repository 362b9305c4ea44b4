// The agent store's names (valid S3 bucket names in every region, versioned keys) and where
// a spawn finds the agents to publish. The store's cloud side is tested against localcloud
// in tests/integration/agent_store_test.cpp.
#include "spawn/ops/agent_store.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/version.hpp"
#include "localcloud/catalog/regions.hpp"
#include "localcloud/services/s3/bucket_name.hpp"
#include "temp_dir.hpp"

namespace spawn::ops {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing::TempDir;

TEST(AgentStoreNames, BucketNamesAreValidInEveryRegion) {
  for (std::string_view account : {"999999999999", "000000000001", "942542972736"}) {
    for (const auto& region : localcloud::regions()) {
      auto name = agent_bucket_name(account, region.name);
      ASSERT_TRUE(name) << name.error().message;
      EXPECT_LE(name->size(), 63u) << *name;
      EXPECT_TRUE(localcloud::is_valid_bucket_name(*name)) << *name;
    }
  }
  EXPECT_EQ(agent_bucket_name("942542972736", "us-east-1").value(),
            "spawn-agent-c0zxr0ao-us-east-1");
  EXPECT_EQ(agent_bucket_name("94254297273", "us-east-1").error().kind, ErrorKind::usage);
}

TEST(AgentStoreNames, KeysFollowTheVersionAndTheArchitecture) {
  EXPECT_EQ(agent_object_key("x86_64").value(),
            fmt::format("spored/{}/spored-linux-amd64", kVersion));
  EXPECT_EQ(agent_digest_key(agent_object_key("arm64").value()),
            fmt::format("spored/{}/spored-linux-arm64.sha256", kVersion));
  auto mac = agent_object_key("x86_64_mac");
  ASSERT_FALSE(mac);
  EXPECT_EQ(mac.error().kind, ErrorKind::usage);
  EXPECT_THAT(mac.error().hint, HasSubstr("x86_64 or arm64"));
}

TEST(AgentDir, SpawnAgentDirWinsAndMustHoldBothAgents) {
  TempDir agents;
  agents.write("spored-linux-amd64", "amd64");
  agents.write("spored-linux-arm64", "arm64");
  MapEnvironment env;
  env.set("SPAWN_AGENT_DIR", agents.path().string());
  EXPECT_EQ(find_agent_dir(env).value(), agents.path());

  TempDir half;
  half.write("spored-linux-amd64", "x");
  env.set("SPAWN_AGENT_DIR", half.path().string());
  auto refused = find_agent_dir(env);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::not_found);
  EXPECT_THAT(refused.error().message, HasSubstr("no spored-linux-arm64"));
  EXPECT_THAT(refused.error().hint, HasSubstr("make dist"));
}

TEST(AgentDir, AnInstalledSpawnLooksInItsLibexecFirst) {
  auto candidates = agent_dir_candidates("/opt/spawn/bin/spawn");
  ASSERT_GE(candidates.size(), 2u);
  EXPECT_EQ(candidates.front(), fs::path("/opt/spawn/libexec/spawn"));
}

}  // namespace
}  // namespace spawn::ops
