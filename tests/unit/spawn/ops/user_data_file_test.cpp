#include "spawn/ops/user_data_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/launch_user_data.hpp"
#include "temp_dir.hpp"

namespace spawn::ops {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

class UserDataFile : public ::testing::Test {
 protected:
  UserDataFile() { env_.set("HOME", home_.path().string()); }
  Result<std::string> read(std::string_view value) {
    return read_user_data_argument(value, cwd_.path(), env_);
  }
  TempDir cwd_;
  TempDir home_;
  MapEnvironment env_;
};

TEST_F(UserDataFile, TextWithoutAnAtIsTheScriptItself) {
  EXPECT_EQ(read("#!/bin/bash\necho hi\n").value(), "#!/bin/bash\necho hi\n");
  EXPECT_EQ(read("").value(), "");
}

TEST_F(UserDataFile, AtPathReadsTheFileRelativeToTheWorkingFolderOrHome) {
  cwd_.write("setup.sh", "echo from cwd\n");
  home_.write("scripts/setup.sh", "echo from home\n");
  auto absolute = cwd_.write("abs.sh", "echo absolute\n");
  EXPECT_EQ(read("@setup.sh").value(), "echo from cwd\n");
  EXPECT_EQ(read("@~/scripts/setup.sh").value(), "echo from home\n");
  EXPECT_EQ(read("@" + absolute.string()).value(), "echo absolute\n");
}

TEST_F(UserDataFile, AMissingFileIsNamed) {
  auto missing = read("@no-such-script.sh");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::not_found);
  EXPECT_THAT(missing.error().message,
              HasSubstr((cwd_.path() / "no-such-script.sh").string() + " does not exist"));
  EXPECT_THAT(missing.error().hint, HasSubstr("@"));
}

TEST_F(UserDataFile, AFolderOrAnEmptyNameIsRefused) {
  cwd_.folder("scripts");
  auto folder = read("@scripts");
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.error().kind, ErrorKind::usage);
  EXPECT_THAT(folder.error().message, HasSubstr("not a regular file"));
  EXPECT_EQ(read("@").error().kind, ErrorKind::usage);
}

TEST_F(UserDataFile, AFileOverTheUserDataLimitIsRefused) {
  cwd_.write("exact.sh", std::string(kMaxUserDataBytes, '#'));
  cwd_.write("big.sh", std::string(kMaxUserDataBytes + 1, '#'));
  EXPECT_TRUE(read("@exact.sh"));
  auto big = read("@big.sh");
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().kind, ErrorKind::usage);
  EXPECT_THAT(big.error().message, HasSubstr("16384"));
  EXPECT_THAT(big.error().hint, HasSubstr("S3"));
}

}  // namespace
}  // namespace spawn::ops
