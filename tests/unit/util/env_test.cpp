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

TEST(Environment, OverlayReplacesAndRemovesVariablesOfItsBase) {
  MapEnvironment base({{"KEPT", "base"}, {"REPLACED", "base"}, {"REMOVED", "base"}});
  OverlayEnvironment overlay(base);
  overlay.set("REPLACED", "overlay");
  overlay.set("ADDED", "");
  overlay.unset("REMOVED");
  EXPECT_EQ(overlay.get("KEPT"), "base");
  EXPECT_EQ(overlay.get("REPLACED"), "overlay");
  EXPECT_EQ(overlay.get("ADDED"), "");
  EXPECT_EQ(overlay.get("REMOVED"), std::nullopt);
  EXPECT_EQ(overlay.get("UNSET"), std::nullopt);
  EXPECT_EQ(base.get("REMOVED"), "base") << "the base is left alone";
}

TEST(Environment, OverlaySetAfterUnsetBringsTheVariableBack) {
  MapEnvironment base;
  base.set("NAME", "base");
  OverlayEnvironment overlay(base);
  overlay.unset("NAME");
  overlay.set("NAME", "again");
  EXPECT_EQ(overlay.get("NAME"), "again");
}

}  // namespace
}  // namespace spawn
