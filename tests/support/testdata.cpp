#include "testdata.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace spawn::testing {

std::optional<std::filesystem::path> testdata_root() {
  if (const char* configured = std::getenv("SPAWN_TESTDATA")) {
    if (std::filesystem::is_directory(configured))
      return std::filesystem::path(configured);
  }
  auto beside_checkout = std::filesystem::path(SPAWN_SOURCE_DIR) / ".." / "shared" / "testdata";
  if (std::filesystem::is_directory(beside_checkout))
    return beside_checkout.lexically_normal();
  return std::nullopt;
}

std::optional<std::filesystem::path> testdata_path(const std::string& relative) {
  auto root = testdata_root();
  if (!root)
    return std::nullopt;
  auto path = *root / relative;
  if (!std::filesystem::exists(path))
    return std::nullopt;
  return path;
}

std::string read_testdata_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace spawn::testing
