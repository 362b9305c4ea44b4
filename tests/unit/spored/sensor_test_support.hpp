// Recorded machine files for the sensor tests; with TempDir, folders that stand for a
// machine's root: the sensors never look at the real /proc, /run or /dev here.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "temp_dir.hpp"

namespace spawn::testing {

// tests/unit/spored/fixtures/<relative> in the source tree.
inline std::filesystem::path sensor_fixture(std::string_view relative) {
  return std::filesystem::path(SPAWN_SOURCE_DIR) / "tests/unit/spored/fixtures" / relative;
}

inline std::string read_sensor_fixture(std::string_view relative) {
  std::ifstream in(sensor_fixture(relative), std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read fixture " << relative;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace spawn::testing
