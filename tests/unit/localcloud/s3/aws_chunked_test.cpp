#include "localcloud/services/s3/aws_chunked.hpp"

#include <gtest/gtest.h>

namespace spawn::localcloud {
namespace {

constexpr std::string_view kSignature =
    ";chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";

TEST(AwsChunked, SignedChunksJoinIntoTheObject) {
  std::string body = "5" + std::string(kSignature) + "\r\nhello\r\n7" + std::string(kSignature) +
                     "\r\n world!\r\n0" + std::string(kSignature) + "\r\n\r\n";
  auto decoded = decode_aws_chunked(body);
  ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
  EXPECT_EQ(decoded->data, "hello world!");
  EXPECT_TRUE(decoded->trailers.empty());
}

TEST(AwsChunked, UnsignedChunksWithATrailerChecksum) {
  auto decoded =
      decode_aws_chunked("c\r\nhello world\n\r\n0\r\nx-amz-checksum-crc32:rwg7LQ==\r\n\r\n");
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->data, "hello world\n");
  EXPECT_EQ(decoded->trailers.at("x-amz-checksum-crc32"), "rwg7LQ==");
}

TEST(AwsChunked, BinaryDataWithCrLfInsideAChunkSurvives) {
  std::string data("a\r\n\0b", 5);
  auto decoded = decode_aws_chunked("5\r\n" + data + "\r\n0\r\n\r\n");
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->data, data);
}

TEST(AwsChunked, BrokenFramingIsIncompleteBody) {
  for (std::string_view body : {"", "5\r\nhel", "5\r\nhelloXX0\r\n\r\n", "zz\r\nhello\r\n",
                                "ffffffffffffffff\r\nx\r\n", "0\r\nno-colon-trailer\r\n\r\n"}) {
    auto decoded = decode_aws_chunked(body);
    ASSERT_FALSE(decoded.has_value()) << body;
    EXPECT_EQ(decoded.error().code, "IncompleteBody");
  }
}

TEST(AwsChunked, RecognisedByEncodingOrStreamingHash) {
  aws::HttpRequest request;
  EXPECT_FALSE(is_aws_chunked(request));
  request.headers = {{"Content-Encoding", "gzip, aws-chunked"}};
  EXPECT_TRUE(is_aws_chunked(request));
  request.headers = {{"x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"}};
  EXPECT_TRUE(is_aws_chunked(request));
}

TEST(AwsChunked, TheChunkedTokenIsNotTheObjectsEncoding) {
  EXPECT_EQ(without_aws_chunked("aws-chunked"), "");
  EXPECT_EQ(without_aws_chunked("aws-chunked, gzip"), "gzip");
}

}  // namespace
}  // namespace spawn::localcloud
