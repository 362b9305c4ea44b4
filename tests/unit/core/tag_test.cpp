#include "core/tag.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace spawn {
namespace {

using ::testing::HasSubstr;

std::string refusal(const std::vector<Tag>& tags) {
  auto checked = check_tag_limits(tags);
  if (checked) {
    ADD_FAILURE() << "the tags were accepted";
    return {};
  }
  EXPECT_EQ(checked.error().kind, ErrorKind::usage);
  return checked.error().message;
}

std::vector<Tag> numbered_tags(std::size_t count) {
  std::vector<Tag> tags;
  for (std::size_t i = 0; i < count; ++i)
    tags.push_back({"key" + std::to_string(i), "value"});
  return tags;
}

std::string repeated(std::string_view piece, std::size_t times) {
  std::string text;
  for (std::size_t i = 0; i < times; ++i)
    text += piece;
  return text;
}

TEST(TagLimits, AtMostFiftyTags) {
  EXPECT_TRUE(check_tag_limits(numbered_tags(50)).has_value());
  EXPECT_THAT(refusal(numbered_tags(51)), HasSubstr("51 tags"));
}

TEST(TagLimits, KeysUpTo128Characters) {
  EXPECT_TRUE(check_tag_limits({{std::string(128, 'k'), "v"}}).has_value());
  EXPECT_THAT(refusal({{std::string(129, 'k'), "v"}}), HasSubstr("129 characters"));
  EXPECT_THAT(refusal({{"", "v"}}), HasSubstr("empty key"));
}

TEST(TagLimits, ValuesUpTo256CharactersNamingTheTag) {
  EXPECT_TRUE(check_tag_limits({{"Name", std::string(256, 'v')}}).has_value());
  EXPECT_EQ(refusal({{"Name", std::string(257, 'v')}}),
            "the value of tag Name is 257 characters long; AWS allows at most 256");
}

TEST(TagLimits, CountsCharactersNotBytes) {
  EXPECT_TRUE(check_tag_limits({{"Name", repeated("é", 256)}}).has_value());
  EXPECT_THAT(refusal({{"Name", repeated("é", 257)}}), HasSubstr("257 characters"));
}

TEST(TagLimits, TheAwsPrefixIsReserved) {
  EXPECT_THAT(refusal({{"aws:cloudformation:stack-name", "x"}}), HasSubstr("reserves"));
  EXPECT_TRUE(check_tag_limits({{"spawn:aws:note", "x"}}).has_value());
}

}  // namespace
}  // namespace spawn
