#include "localcloud/services/s3/utf8.hpp"

#include <gtest/gtest.h>

namespace spawn::localcloud {
namespace {

TEST(Utf8, AcceptsTextInEveryLength) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain/key.txt"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80"));
}

TEST(Utf8, RefusesWhatAStrictJsonWriterRefuses) {
  for (std::string_view bad :
       {"\xFF", "\xC3", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "a\x80"}) {
    EXPECT_FALSE(is_valid_utf8(bad)) << testing::PrintToString(std::string(bad));
  }
}

}  // namespace
}  // namespace spawn::localcloud
