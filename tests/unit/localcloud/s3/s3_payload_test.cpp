#include "localcloud/services/s3/s3_payload.hpp"

#include <gtest/gtest.h>

namespace spawn::localcloud {
namespace {

aws::HttpRequest upload(std::string body, aws::Headers headers) {
  aws::HttpRequest request;
  request.method = "PUT";
  request.headers = std::move(headers);
  request.body = std::move(body);
  return request;
}

TEST(S3Payload, ContentMd5ThatMatchesIsAccepted) {
  auto received =
      receive_body(upload("hello world\n", {{"Content-MD5", "b1kCrCNwJL3QwXbLkwY9xA=="}}));
  ASSERT_TRUE(received.has_value());
  EXPECT_EQ(received->bytes, "hello world\n");
  EXPECT_EQ(received->md5_hex, "6f5902ac237024bdd0c176cb93063dc4");
  EXPECT_EQ(received->checksum_crc32, "");
}

TEST(S3Payload, ADamagedBodyIsBadDigest) {
  auto received =
      receive_body(upload("hello world!", {{"Content-MD5", "b1kCrCNwJL3QwXbLkwY9xA=="}}));
  ASSERT_FALSE(received.has_value());
  EXPECT_EQ(received.error().code, "BadDigest");
}

TEST(S3Payload, AContentMd5ThatIsNoMd5IsInvalidDigest) {
  for (std::string_view bad : {"not base64!", "aGVsbG8="}) {
    auto received = receive_body(upload("x", {{"Content-MD5", std::string(bad)}}));
    ASSERT_FALSE(received.has_value()) << bad;
    EXPECT_EQ(received.error().code, "InvalidDigest");
  }
}

TEST(S3Payload, Crc32HeaderIsVerifiedAndKept) {
  auto good = receive_body(upload("hello world\n", {{"x-amz-checksum-crc32", "rwg7LQ=="},
                                                    {"x-amz-sdk-checksum-algorithm", "CRC32"}}));
  ASSERT_TRUE(good.has_value());
  EXPECT_EQ(good->checksum_crc32, "rwg7LQ==");
  auto bad = receive_body(upload("hello world?", {{"x-amz-checksum-crc32", "rwg7LQ=="}}));
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, "BadDigest");
}

TEST(S3Payload, AwsChunkedBodiesAreDecodedAndTheirTrailerChecked) {
  aws::Headers streaming{{"x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"},
                         {"Content-Encoding", "aws-chunked"},
                         {"x-amz-decoded-content-length", "12"},
                         {"x-amz-trailer", "x-amz-checksum-crc32"}};
  auto good = receive_body(
      upload("c\r\nhello world\n\r\n0\r\nx-amz-checksum-crc32:rwg7LQ==\r\n\r\n", streaming));
  ASSERT_TRUE(good.has_value()) << good.error().message;
  EXPECT_EQ(good->bytes, "hello world\n");
  EXPECT_EQ(good->checksum_crc32, "rwg7LQ==");
  auto wrong_crc = receive_body(
      upload("c\r\nhello world?\r\n0\r\nx-amz-checksum-crc32:rwg7LQ==\r\n\r\n", streaming));
  ASSERT_FALSE(wrong_crc.has_value());
  EXPECT_EQ(wrong_crc.error().code, "BadDigest");
}

TEST(S3Payload, DecodedLengthMustMatch) {
  auto received =
      receive_body(upload("3\r\nabc\r\n0\r\n\r\n", {{"Content-Encoding", "aws-chunked"},
                                                    {"x-amz-decoded-content-length", "4"}}));
  ASSERT_FALSE(received.has_value());
  EXPECT_EQ(received.error().code, "IncompleteBody");
}

}  // namespace
}  // namespace spawn::localcloud
