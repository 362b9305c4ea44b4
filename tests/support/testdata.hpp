// Locating the shared test data (../shared/testdata, beside the checkout). The
// data comes from other projects and is never copied into this repository. When
// it is absent a test skips with the reason, except under CI (CI set), where
// its absence fails the test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>

namespace spawn::testing {

// The testdata folder, from SPAWN_TESTDATA or ../shared/testdata relative to the source tree.
std::optional<std::filesystem::path> testdata_root();

// The path of `relative` inside the testdata folder, or nullopt when it is missing.
std::optional<std::filesystem::path> testdata_path(const std::string& relative);

// The file's content; fails the test with the path when it cannot be read.
std::string read_testdata_file(const std::filesystem::path& path);

}  // namespace spawn::testing

// Use at the top of a test: binds `var` to the path of `relative` inside the shared
// test data, or skips (outside CI) / fails (under CI) with the reason.
#define SPAWN_REQUIRE_TESTDATA(var, relative)                              \
  auto var##_optional = ::spawn::testing::testdata_path(relative);         \
  if (!var##_optional) {                                                   \
    if (std::getenv("CI") != nullptr) {                                    \
      FAIL() << "shared test data missing under CI: " << (relative)        \
             << " (expected in ../shared/testdata or $SPAWN_TESTDATA)";    \
    }                                                                      \
    GTEST_SKIP() << "shared test data not found: " << (relative)           \
                 << " (looked in ../shared/testdata and $SPAWN_TESTDATA)"; \
  }                                                                        \
  const std::filesystem::path var = *var##_optional
