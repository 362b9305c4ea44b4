#include "localcloud/services/s3/bucket_operations.hpp"

#include <gtest/gtest.h>

#include "aws/s3_documents.hpp"
#include "aws/xml.hpp"
#include "s3_harness.hpp"

namespace spawn::localcloud {
namespace {

using testing::error_of;
using testing::expect_ok;
using testing::parse_xml;

class BucketOperations : public ::testing::Test {
 protected:
  testing::S3Harness s3{testing::fresh_state_dir()};
};

TEST_F(BucketOperations, SpawnsClientCreatesABucketThatListBucketsShows) {
  ASSERT_TRUE(s3.s3().create_bucket("spawn-staging"));
  auto listing = parse_xml(expect_ok(s3.send("GET", "/")));
  EXPECT_EQ(aws::xml::local_name(listing.root()), "ListAllMyBucketsResult");
  auto buckets = aws::xml::children(aws::xml::child(listing.root(), "Buckets"), "Bucket");
  ASSERT_EQ(buckets.size(), 1u);
  EXPECT_EQ(aws::xml::text(buckets[0], "Name"), "spawn-staging");
  EXPECT_EQ(aws::xml::timestamp(buckets[0], "CreationDate"), testing::kStartTime);
  EXPECT_EQ(aws::xml::text(buckets[0], "CreationDate"), "2025-06-15T15:06:40.000Z");
  EXPECT_FALSE(listing.text("Owner/ID").empty());
}

TEST_F(BucketOperations, ABucketInAnotherRegionRemembersItsRegion) {
  ASSERT_TRUE(s3.s3_in("eu-west-1").create_bucket("euro-bucket"));
  auto location = parse_xml(expect_ok(s3.send("GET", "/euro-bucket?location")));
  EXPECT_EQ(aws::xml::local_name(location.root()), "LocationConstraint");
  EXPECT_EQ(location.root().text().as_string(), std::string("eu-west-1"));
  auto head = expect_ok(s3.send("HEAD", "/euro-bucket"));
  EXPECT_EQ(head.header("x-amz-bucket-region"), "eu-west-1");
}

TEST_F(BucketOperations, UsEast1LocationIsEmpty) {
  ASSERT_TRUE(s3.s3().create_bucket("plain"));
  auto location = parse_xml(expect_ok(s3.send("GET", "/plain?location")));
  EXPECT_EQ(location.root().text().as_string(), std::string());
}

TEST_F(BucketOperations, CreatingAnExistingBucketAnswersLikeAws) {
  ASSERT_TRUE(s3.s3().create_bucket("again"));
  EXPECT_EQ(error_of(s3.send("PUT", "/again")), "ok");  // us-east-1 answers 200
  aws::S3Client europe = s3.s3_in("eu-west-1");
  ASSERT_TRUE(europe.create_bucket("euro-again"));
  auto second = europe.create_bucket("euro-again");
  ASSERT_FALSE(second.has_value());
  ASSERT_TRUE(second.error().aws.has_value());
  EXPECT_EQ(second.error().aws->code, "BucketAlreadyOwnedByYou");
  EXPECT_EQ(second.error().aws->http_status, 409);
}

TEST_F(BucketOperations, BadNamesAndConstraintsAreRefused) {
  EXPECT_EQ(error_of(s3.send("PUT", "/Bad_Name")), "InvalidBucketName 400");
  auto europe = s3.request("PUT", "/no-constraint", "", {}, "eu-west-1");
  EXPECT_EQ(error_of(s3.call(europe)), "IllegalLocationConstraintException 400");
  auto mismatch =
      s3.request("PUT", "/mismatch", aws::create_bucket_document("us-west-2"), {}, "eu-west-1");
  EXPECT_EQ(error_of(s3.call(mismatch)), "IllegalLocationConstraintException 400");
  auto explicit_default =
      s3.request("PUT", "/explicit",
                 "<CreateBucketConfiguration><LocationConstraint>us-east-1</LocationConstraint>"
                 "</CreateBucketConfiguration>");
  EXPECT_EQ(error_of(s3.call(explicit_default)), "InvalidLocationConstraint 400");
  EXPECT_EQ(error_of(s3.send("PUT", "/broken-xml", "<CreateBucketConfiguration>")),
            "MalformedXML 400");
}

TEST_F(BucketOperations, HeadOfAMissingBucketIsABare404) {
  auto head = s3.send("HEAD", "/missing");
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 404);
  EXPECT_TRUE(head->body.empty());
  EXPECT_TRUE(head->header("x-amz-request-id").has_value());
}

TEST_F(BucketOperations, ABucketWithObjectsCannotBeDeleted) {
  ASSERT_TRUE(s3.s3().create_bucket("full"));
  ASSERT_TRUE(s3.s3().put_object({"full", "file.txt", "data", "", {}, {}}));
  EXPECT_EQ(error_of(s3.send("DELETE", "/full")), "BucketNotEmpty 409");
  ASSERT_TRUE(s3.s3().delete_object("full", "file.txt"));
  auto deleted = expect_ok(s3.send("DELETE", "/full"));
  EXPECT_EQ(deleted.status, 204);
  EXPECT_EQ(s3.send("HEAD", "/full")->status, 404);
  EXPECT_EQ(error_of(s3.send("DELETE", "/full")), "NoSuchBucket 404");
}

TEST_F(BucketOperations, DeletingABucketDropsItsUnfinishedUploads) {
  ASSERT_TRUE(s3.s3().create_bucket("uploads"));
  auto created = parse_xml(expect_ok(s3.send("POST", "/uploads/big?uploads")));
  std::string upload_id = created.text("UploadId");
  ASSERT_EQ(error_of(s3.send("PUT", "/uploads/big?partNumber=1&uploadId=" + upload_id, "part")),
            "ok");
  EXPECT_EQ(s3.blob_count(), 1u);
  EXPECT_EQ(expect_ok(s3.send("DELETE", "/uploads")).status, 204);
  EXPECT_EQ(s3.blob_count(), 0u);
}

}  // namespace
}  // namespace spawn::localcloud
