#include "localcloud/services/s3/s3_checksums.hpp"

#include <gtest/gtest.h>

namespace spawn::localcloud {
namespace {

TEST(S3Checksums, EtagIsTheQuotedMd5) {
  EXPECT_EQ(md5_hex("hello world\n"), "6f5902ac237024bdd0c176cb93063dc4");
  EXPECT_EQ(quoted_etag(md5_hex("hello world\n")), "\"6f5902ac237024bdd0c176cb93063dc4\"");
}

TEST(S3Checksums, MultipartEtagHashesThePartDigestsAndCountsParts) {
  std::string first(5 * 1024 * 1024, 'a');
  EXPECT_EQ(multipart_etag({md5_hex(first), md5_hex("tail")}),
            "\"30dcfd3901d1c613b7fb532281748544-2\"");
}

TEST(S3Checksums, Crc32MatchesWhatTheCliSends) {
  // The captured botocore 1.43 PutObject of "hello world\n" carries x-amz-checksum-crc32: rwg7LQ==.
  EXPECT_EQ(crc32_base64("hello world\n"), "rwg7LQ==");
  EXPECT_EQ(crc32_base64(""), "AAAAAA==");
}

}  // namespace
}  // namespace spawn::localcloud
