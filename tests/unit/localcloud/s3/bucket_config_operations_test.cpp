#include "localcloud/services/s3/bucket_config_operations.hpp"

#include <gtest/gtest.h>

#include "aws/s3_documents.hpp"
#include "aws/xml.hpp"
#include "s3_harness.hpp"

namespace spawn::localcloud {
namespace {

using testing::error_of;
using testing::expect_ok;
using testing::parse_xml;

class BucketConfig : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(s3.s3().create_bucket("configured")); }
  testing::S3Harness s3{testing::fresh_state_dir()};
};

TEST_F(BucketConfig, TagsPutBySpawnAreReadBack) {
  EXPECT_EQ(error_of(s3.send("GET", "/configured?tagging")), "NoSuchTagSet 404");
  ASSERT_TRUE(s3.s3().put_bucket_tagging("configured", {{"spawn:owner", "me"}, {"env", "a b&c"}}));
  auto tagging = parse_xml(expect_ok(s3.send("GET", "/configured?tagging")));
  auto tags = aws::xml::children(aws::xml::child(tagging.root(), "TagSet"), "Tag");
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(aws::xml::text(tags[0], "Key"), "spawn:owner");
  EXPECT_EQ(aws::xml::text(tags[1], "Value"), "a b&c");
  EXPECT_EQ(expect_ok(s3.send("DELETE", "/configured?tagging")).status, 204);
  EXPECT_EQ(error_of(s3.send("GET", "/configured?tagging")), "NoSuchTagSet 404");
}

TEST_F(BucketConfig, DuplicateTagKeysAreInvalidTag) {
  std::string document = aws::tagging_document({{"k", "1"}, {"k", "2"}});
  EXPECT_EQ(error_of(s3.send("PUT", "/configured?tagging", document)), "InvalidTag 400");
}

TEST_F(BucketConfig, ADamagedConfigurationIsBadDigest) {
  std::string document = aws::public_access_block_document();
  EXPECT_EQ(error_of(s3.send("PUT", "/configured?publicAccessBlock", document,
                             {{"Content-MD5", aws::content_md5(document + " ")}})),
            "BadDigest 400");
}

TEST_F(BucketConfig, EncryptionDefaultsToSseS3) {
  auto encryption = parse_xml(expect_ok(s3.send("GET", "/configured?encryption")));
  EXPECT_EQ(encryption.text("Rule/ApplyServerSideEncryptionByDefault/SSEAlgorithm"), "AES256");
  ASSERT_TRUE(s3.s3().put_bucket_encryption("configured"));
  std::string kms =
      "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>"
      "<SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>key-1</KMSMasterKeyID>"
      "</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule>"
      "</ServerSideEncryptionConfiguration>";
  ASSERT_EQ(error_of(s3.send("PUT", "/configured?encryption", kms)), "ok");
  auto stored = parse_xml(expect_ok(s3.send("GET", "/configured?encryption")));
  EXPECT_EQ(stored.text("Rule/ApplyServerSideEncryptionByDefault/KMSMasterKeyID"), "key-1");
  EXPECT_EQ(stored.text("Rule/BucketKeyEnabled"), "true");
  std::string unknown =
      "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>"
      "<SSEAlgorithm>ROT13</SSEAlgorithm></ApplyServerSideEncryptionByDefault>"
      "</Rule></ServerSideEncryptionConfiguration>";
  EXPECT_EQ(error_of(s3.send("PUT", "/configured?encryption", unknown)), "MalformedXML 400");
}

TEST_F(BucketConfig, PublicAccessIsBlockedUntilTheConfigurationIsDeleted) {
  auto blocked = parse_xml(expect_ok(s3.send("GET", "/configured?publicAccessBlock")));
  EXPECT_EQ(blocked.text("BlockPublicAcls"), "true");
  EXPECT_EQ(blocked.text("RestrictPublicBuckets"), "true");
  std::string partial =
      "<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls>"
      "</PublicAccessBlockConfiguration>";
  ASSERT_EQ(error_of(s3.send("PUT", "/configured?publicAccessBlock", partial)), "ok");
  auto stored = parse_xml(expect_ok(s3.send("GET", "/configured?publicAccessBlock")));
  EXPECT_EQ(stored.text("BlockPublicAcls"), "true");
  EXPECT_EQ(stored.text("IgnorePublicAcls"), "false");
  ASSERT_TRUE(s3.s3().put_public_access_block("configured"));
  EXPECT_EQ(expect_ok(s3.send("DELETE", "/configured?publicAccessBlock")).status, 204);
  EXPECT_EQ(error_of(s3.send("GET", "/configured?publicAccessBlock")),
            "NoSuchPublicAccessBlockConfiguration 404");
}

TEST_F(BucketConfig, SettingsOfAMissingBucketAreNoSuchBucket) {
  EXPECT_EQ(error_of(s3.send("GET", "/absent?tagging")), "NoSuchBucket 404");
  EXPECT_EQ(error_of(s3.send("PUT", "/absent?encryption", aws::aes256_encryption_document())),
            "NoSuchBucket 404");
}

}  // namespace
}  // namespace spawn::localcloud
