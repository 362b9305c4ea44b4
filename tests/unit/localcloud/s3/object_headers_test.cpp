#include "localcloud/services/s3/object_headers.hpp"

#include <gtest/gtest.h>

namespace spawn::localcloud {
namespace {

std::string range_of(std::string_view header, std::uint64_t size) {
  auto range = requested_range(header, size);
  if (!range)
    return range.error().code + " " + std::to_string(range.error().status);
  if (!*range)
    return "whole";
  return std::to_string((*range)->first) + "-" + std::to_string((*range)->last);
}

TEST(ObjectHeaders, OneByteRangeIsServed) {
  EXPECT_EQ(range_of("bytes=0-4", 10), "0-4");
  EXPECT_EQ(range_of("bytes=5-", 10), "5-9");
  EXPECT_EQ(range_of("bytes=-3", 10), "7-9");
  EXPECT_EQ(range_of("bytes=8-100", 10), "8-9");  // clipped to the object
  EXPECT_EQ(range_of("bytes=-100", 10), "0-9");
}

TEST(ObjectHeaders, RangesS3IgnoresServeTheWholeObject) {
  EXPECT_EQ(requested_range(std::nullopt, 10).value(), std::nullopt);
  for (std::string_view header : {"bytes=0-1,3-4", "items=0-1", "bytes=5-2", "bytes=a-", "bytes=-"})
    EXPECT_EQ(range_of(header, 10), "whole") << header;
}

TEST(ObjectHeaders, ARangeStartingPastTheEndIsInvalidRange) {
  EXPECT_EQ(range_of("bytes=10-", 10), "InvalidRange 416");
  EXPECT_EQ(range_of("bytes=-0", 10), "InvalidRange 416");
  EXPECT_EQ(range_of("bytes=0-", 0), "InvalidRange 416");
}

TEST(ObjectHeaders, UploadHeadersBecomeTheObjectsAttributes) {
  aws::HttpRequest request;
  request.headers = {{"Content-Type", "text/plain"},
                     {"X-Amz-Meta-Owner", "team-a"},
                     {"Cache-Control", "no-cache"},
                     {"Content-Encoding", "aws-chunked"},
                     {"x-amz-tagging", "env=prod&note=a%20b"}};
  auto attributes = object_attributes(request);
  ASSERT_TRUE(attributes.has_value());
  EXPECT_EQ((*attributes)["ContentType"], "text/plain");
  EXPECT_EQ((*attributes)["Metadata"]["owner"], "team-a");
  EXPECT_EQ((*attributes)["CacheControl"], "no-cache");
  EXPECT_FALSE(attributes->contains("ContentEncoding"));
  EXPECT_EQ((*attributes)["TagSet"][1]["Value"], "a b");

  aws::Headers answer;
  add_object_headers(*attributes, answer);
  EXPECT_EQ(aws::find_header(answer, "x-amz-meta-owner"), "team-a");
  EXPECT_EQ(aws::find_header(answer, "Cache-Control"), "no-cache");
  EXPECT_EQ(aws::find_header(answer, "x-amz-tagging-count"), "2");
}

TEST(ObjectHeaders, KeptHeadersMustBeText) {
  aws::HttpRequest request;
  request.headers = {{"x-amz-meta-name", "caf\xC3\xA9"}, {"User-Agent", "\xFF ignored"}};
  EXPECT_TRUE(object_attributes(request).has_value());
  request.headers = {{"x-amz-meta-name", "\xFF"}};
  EXPECT_EQ(object_attributes(request).error().code, "InvalidArgument");
  request.headers = {{"x-amz-tagging", "k=%FF"}};
  EXPECT_EQ(object_attributes(request).error().code, "InvalidTag");
}

TEST(ObjectHeaders, ObjectsWithoutAContentTypeGetS3sDefault) {
  auto attributes = object_attributes(aws::HttpRequest{});
  ASSERT_TRUE(attributes.has_value());
  EXPECT_EQ((*attributes)["ContentType"], "binary/octet-stream");
}

}  // namespace
}  // namespace spawn::localcloud
