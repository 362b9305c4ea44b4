#include "platform/paths.hpp"

#include <gtest/gtest.h>

namespace spawn::platform {
namespace {

MapEnvironment alice() {
  MapEnvironment env;
  env.set("HOME", "/home/alice");
  return env;
}

TEST(HomeDir, ComesFromHome) {
  MapEnvironment env = alice();
  auto home = home_dir(env);
  ASSERT_TRUE(home.has_value()) << home.error().message;
  EXPECT_EQ(*home, "/home/alice");
}

TEST(HomeDir, FallsBackToThePasswordDatabaseWhenHomeIsEmpty) {
  MapEnvironment env;
  env.set("HOME", "");
  auto home = home_dir(env);
  ASSERT_TRUE(home.has_value()) << home.error().message;
  EXPECT_FALSE(home->empty());
  EXPECT_TRUE(home->is_absolute());
}

TEST(ConfigDir, PrefersSpawnConfigDir) {
  MapEnvironment env({{"HOME", "/home/alice"}, {"SPAWN_CONFIG_DIR", "/etc/spawn-test"}});
  EXPECT_EQ(config_dir(env).value(), "/etc/spawn-test");
}

TEST(ConfigDir, DefaultsToDotSpawnInHome) {
  MapEnvironment env = alice();
  EXPECT_EQ(config_dir(env).value(), "/home/alice/.spawn");
}

TEST(DataDir, UsesXdgDataHomeWhenSet) {
  MapEnvironment env({{"HOME", "/home/alice"}, {"XDG_DATA_HOME", "/data"}});
  EXPECT_EQ(data_dir(env).value(), "/data/spawn");
}

TEST(DataDir, DefaultsToLocalShareInHome) {
  MapEnvironment env = alice();
  EXPECT_EQ(data_dir(env).value(), "/home/alice/.local/share/spawn");
}

TEST(ExpandUser, ExpandsALeadingTilde) {
  MapEnvironment env = alice();
  EXPECT_EQ(expand_user("~/.aws/config", env).value(), "/home/alice/.aws/config");
  EXPECT_EQ(expand_user("~", env).value(), "/home/alice");
}

TEST(ExpandUser, LeavesOtherPathsAlone) {
  MapEnvironment env = alice();
  EXPECT_EQ(expand_user("/etc/aws", env).value(), "/etc/aws");
  EXPECT_EQ(expand_user("relative/~/x", env).value(), "relative/~/x");
  EXPECT_EQ(expand_user("~bob/x", env).value(), "~bob/x");
}

}  // namespace
}  // namespace spawn::platform
