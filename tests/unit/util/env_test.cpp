#include "util/env.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace spawn {
namespace {

TEST(Environment, MapEnvironmentDistinguishesUnsetFromEmpty) {
  MapEnvironment env({{"SET", "value"}, {"EMPTY", ""}});
  EXPECT_EQ(env.get("SET"), "value");
  EXPECT_EQ(env.get("EMPTY"), "");
  EXPECT_EQ(env.get("UNSET"), std::nullopt);
  EXPECT_EQ(env.get_nonempty("EMPTY"), std::nullopt);
  env.unset("SET");
  EXPECT_EQ(env.get("SET"), std::nullopt);
}

TEST(Environment, ProcessEnvironmentReadsTheRealEnvironment) {
  ::setenv("SPAWN_ENV_TEST_VARIABLE", "42", 1);
  ProcessEnvironment env;
  EXPECT_EQ(env.get("SPAWN_ENV_TEST_VARIABLE"), "42");
  ::unsetenv("SPAWN_ENV_TEST_VARIABLE");
  EXPECT_EQ(env.get("SPAWN_ENV_TEST_VARIABLE"), std::nullopt);
}

}  // namespace
}  // namespace spawn
