#include "util/file.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace spawn {
namespace {

class FileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("spawn-file-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(FileTest, WriteThenReadGivesTheSameBytes) {
  std::string content("line one\n\0binary", 16);
  ASSERT_TRUE(write_file_atomic(dir_ / "f", content));
  EXPECT_EQ(read_file(dir_ / "f").value(), content);
}

TEST_F(FileTest, AtomicWriteReplacesAndLeavesNoTemporaryFiles) {
  ASSERT_TRUE(write_file_atomic(dir_ / "f", "old"));
  ASSERT_TRUE(write_file_atomic(dir_ / "f", "new", std::filesystem::perms(0600)));
  EXPECT_EQ(read_file(dir_ / "f").value(), "new");
  auto perms = std::filesystem::status(dir_ / "f").permissions();
  EXPECT_EQ(perms & std::filesystem::perms::all, std::filesystem::perms(0600));
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir_))
    ++entries;
  EXPECT_EQ(entries, 1);
}

TEST_F(FileTest, MissingFileIsNotFound) {
  auto result = read_file(dir_ / "absent");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::not_found);
  EXPECT_NE(result.error().message.find("absent"), std::string::npos);
}

TEST_F(FileTest, WriteIntoMissingFolderFailsCleanly) {
  auto result = write_file_atomic(dir_ / "no" / "such" / "f", "x");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::io);
}

}  // namespace
}  // namespace spawn
