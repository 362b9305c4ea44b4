#include "localcloud/services/s3/object_operations.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "aws/s3_documents.hpp"
#include "aws/xml.hpp"
#include "localcloud/services/s3/s3_checksums.hpp"
#include "raw_request.hpp"
#include "s3_harness.hpp"
#include "testdata.hpp"

namespace spawn::localcloud {
namespace {

using testing::error_of;
using testing::expect_ok;
using testing::parse_xml;

class ObjectOperations : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(s3.s3().create_bucket("objects")); }
  testing::S3Harness s3{testing::fresh_state_dir()};
};

TEST_F(ObjectOperations, AnObjectComesBackByteForByteWithItsAttributes) {
  std::string bytes("binary\0data\r\n\xff", 14);
  aws::PutObjectRequest put{"objects", "dir/file.bin", bytes, "application/x-test", {}, {}};
  ASSERT_TRUE(s3.s3().put_object(put));
  auto object = s3.s3().get_object("objects", "dir/file.bin");
  ASSERT_TRUE(object.has_value()) << object.error().message;
  EXPECT_EQ(object->body, bytes);
  EXPECT_EQ(object->info.size, 14);
  EXPECT_EQ(object->info.etag, quoted_etag(md5_hex(bytes)));
  EXPECT_EQ(object->info.content_type, "application/x-test");
  EXPECT_EQ(object->info.last_modified, testing::kStartTime);
}

TEST_F(ObjectOperations, TheCapturedCliUploadIsStoredUnderItsDecodedKey) {
  SPAWN_REQUIRE_TESTDATA(path, "awscli-requests/awscli-2.9.19-debian/19-s3-PutObject.http");
  auto http = spawn::testing::parse_raw_request(spawn::testing::read_testdata_file(path), "http");
  ASSERT_TRUE(http.has_value());
  ASSERT_TRUE(s3.s3().create_bucket("demo-bucket"));
  auto put = expect_ok(s3.send(http->method, http->url.target(), http->body, http->headers));
  EXPECT_EQ(put.header("ETag"), "\"6f5902ac237024bdd0c176cb93063dc4\"");
  auto object = s3.s3().get_object("demo-bucket", "dir/a b+c~d.txt");
  ASSERT_TRUE(object.has_value());
  EXPECT_EQ(object->body, "hello world\n");
  EXPECT_EQ(object->info.content_type, "text/plain");
}

TEST_F(ObjectOperations, HeadTellsSizeTypeAndMetadataWithoutABody) {
  auto put = expect_ok(s3.send("PUT", "/objects/%E2%9C%93%20report.txt", "twelve bytes",
                               {{"Content-Type", "text/plain"},
                                {"x-amz-meta-Owner", "team-a"},
                                {"Cache-Control", "max-age=60"}}));
  auto head = expect_ok(s3.send("HEAD", "/objects/%E2%9C%93%20report.txt"));
  EXPECT_TRUE(head.body.empty());
  aws::ObjectInfo info = aws::read_object_info(head);
  EXPECT_EQ(info.size, 12);
  EXPECT_EQ(info.etag, put.header("ETag"));
  EXPECT_EQ(info.metadata.at("owner"), "team-a");
  EXPECT_EQ(head.header("Last-Modified"), "Sun, 15 Jun 2025 15:06:40 GMT");
  EXPECT_EQ(head.header("Cache-Control"), "max-age=60");
  EXPECT_EQ(head.header("x-amz-server-side-encryption"), "AES256");
}

TEST_F(ObjectOperations, MissingObjectsAreNoSuchKeyAndBareForHead) {
  EXPECT_EQ(error_of(s3.send("GET", "/objects/nope")), "NoSuchKey 404");
  EXPECT_EQ(error_of(s3.send("GET", "/no-bucket/nope")), "NoSuchBucket 404");
  auto head = expect_ok(s3.send("HEAD", "/objects/nope"));
  EXPECT_EQ(head.status, 404);
  EXPECT_TRUE(head.body.empty());
  auto missing = s3.s3().head_object("objects", "nope");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().kind, ErrorKind::not_found);
}

TEST_F(ObjectOperations, ARangeIsServedAsPartialContent) {
  ASSERT_TRUE(s3.s3().put_object({"objects", "digits", "0123456789", "", {}, {}}));
  auto part = expect_ok(s3.send("GET", "/objects/digits", "", {{"Range", "bytes=2-5"}}));
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.body, "2345");
  EXPECT_EQ(part.header("Content-Range"), "bytes 2-5/10");
  EXPECT_EQ(part.header("Content-Length"), "4");
  auto tail = expect_ok(s3.send("GET", "/objects/digits", "", {{"Range", "bytes=-3"}}));
  EXPECT_EQ(tail.body, "789");
  EXPECT_EQ(error_of(s3.send("GET", "/objects/digits", "", {{"Range", "bytes=10-"}})),
            "InvalidRange 416");
}

TEST_F(ObjectOperations, ADamagedUploadIsRefusedAndNothingIsKept) {
  auto put = s3.send("PUT", "/objects/damaged", "hello world!",
                     {{"Content-MD5", aws::content_md5("hello world\n")}});
  EXPECT_EQ(error_of(put), "BadDigest 400");
  EXPECT_EQ(error_of(s3.send("GET", "/objects/damaged")), "NoSuchKey 404");
  EXPECT_EQ(s3.blob_count(), 0u);
}

TEST_F(ObjectOperations, AnUploadToAMissingBucketLeavesNoFile) {
  EXPECT_EQ(error_of(s3.send("PUT", "/no-bucket/key", "data")), "NoSuchBucket 404");
  EXPECT_EQ(s3.blob_count(), 0u);
}

TEST_F(ObjectOperations, ReplacingAndDeletingRemoveTheOldFiles) {
  ASSERT_TRUE(s3.s3().put_object({"objects", "k", "first", "", {}, {}}));
  ASSERT_TRUE(s3.s3().put_object({"objects", "k", "second", "", {}, {}}));
  EXPECT_EQ(s3.blob_count(), 1u);
  EXPECT_EQ(s3.s3().get_object("objects", "k")->body, "second");
  EXPECT_EQ(expect_ok(s3.send("DELETE", "/objects/k")).status, 204);
  EXPECT_EQ(s3.blob_count(), 0u);
  EXPECT_EQ(expect_ok(s3.send("DELETE", "/objects/k")).status, 204);  // absent: still 204
}

TEST_F(ObjectOperations, StreamingUploadsAreStoredDecoded) {
  std::string chunk_signature =
      ";chunk-signature=0000000000000000000000000000000000000000000000000000000000000000";
  std::string body = "6" + chunk_signature + "\r\nhello \r\n5" + chunk_signature +
                     "\r\nworld\r\n0" + chunk_signature + "\r\n\r\n";
  auto put = s3.send("PUT", "/objects/streamed", body,
                     {{"x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"},
                      {"Content-Encoding", "aws-chunked"},
                      {"x-amz-decoded-content-length", "11"}});
  ASSERT_EQ(error_of(put), "ok");
  auto object = expect_ok(s3.send("GET", "/objects/streamed"));
  EXPECT_EQ(object.body, "hello world");
  EXPECT_FALSE(object.header("Content-Encoding").has_value());
}

TEST_F(ObjectOperations, Crc32IsEchoedAndReturnedWhenChecksumsAreAsked) {
  auto put = expect_ok(
      s3.send("PUT", "/objects/crc", "hello world\n", {{"x-amz-checksum-crc32", "rwg7LQ=="}}));
  EXPECT_EQ(put.header("x-amz-checksum-crc32"), "rwg7LQ==");
  EXPECT_FALSE(expect_ok(s3.send("GET", "/objects/crc")).header("x-amz-checksum-crc32"));
  auto checked =
      expect_ok(s3.send("GET", "/objects/crc", "", {{"x-amz-checksum-mode", "ENABLED"}}));
  EXPECT_EQ(checked.header("x-amz-checksum-crc32"), "rwg7LQ==");
}

TEST_F(ObjectOperations, PresignedGetsServeTheObjectWithOverrides) {
  ASSERT_TRUE(s3.s3().put_object({"objects", "page", "<p/>", "", {}, {}}));
  auto get = expect_ok(s3.send("GET",
                               "/objects/page?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=00&"
                               "response-content-type=text%2Fhtml"));
  EXPECT_EQ(get.body, "<p/>");
  EXPECT_EQ(get.header("Content-Type"), "text/html");
}

TEST_F(ObjectOperations, CopyKeepsMetadataUnlessReplaced) {
  ASSERT_EQ(error_of(s3.send("PUT", "/objects/src%20key", "copied bytes",
                             {{"Content-Type", "text/plain"}, {"x-amz-meta-a", "1"}})),
            "ok");
  auto copy = parse_xml(
      expect_ok(s3.send("PUT", "/objects/copy", "", {{"x-amz-copy-source", "objects/src%20key"}})));
  EXPECT_EQ(aws::xml::local_name(copy.root()), "CopyObjectResult");
  EXPECT_EQ(copy.text("ETag"), quoted_etag(md5_hex("copied bytes")));
  auto copied = s3.s3().get_object("objects", "copy");
  ASSERT_TRUE(copied.has_value());
  EXPECT_EQ(copied->body, "copied bytes");
  EXPECT_EQ(copied->info.metadata.at("a"), "1");
  ASSERT_EQ(error_of(s3.send("PUT", "/objects/replaced", "",
                             {{"x-amz-copy-source", "/objects/src%20key"},
                              {"x-amz-metadata-directive", "REPLACE"},
                              {"x-amz-meta-b", "2"}})),
            "ok");
  auto replaced = s3.s3().head_object("objects", "replaced");
  EXPECT_FALSE(replaced->metadata.contains("a"));
  EXPECT_EQ(replaced->metadata.at("b"), "2");
  EXPECT_EQ(error_of(s3.send("PUT", "/objects/src%20key", "",
                             {{"x-amz-copy-source", "objects/src%20key"}})),
            "InvalidRequest 400");
  EXPECT_EQ(error_of(s3.send("PUT", "/objects/x", "", {{"x-amz-copy-source", "objects/none"}})),
            "NoSuchKey 404");
}

TEST_F(ObjectOperations, DeleteObjectsRemovesManyKeysAtOnce) {
  for (std::string key : {"a", "b", "c"})
    ASSERT_TRUE(s3.s3().put_object({"objects", key, key, "", {}, {}}));
  std::string body =
      "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
      "<Object><Key>a</Key></Object><Object><Key>b</Key></Object>"
      "<Object><Key>never-there</Key></Object></Delete>";
  auto result = parse_xml(expect_ok(
      s3.send("POST", "/objects?delete", body, {{"Content-MD5", aws::content_md5(body)}})));
  auto deleted = aws::xml::children(result.root(), "Deleted");
  ASSERT_EQ(deleted.size(), 3u);
  EXPECT_EQ(aws::xml::text(deleted[2], "Key"), "never-there");
  auto left = s3.s3().list_objects_all("objects", "");
  ASSERT_TRUE(left.has_value());
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ((*left)[0].key, "c");
  EXPECT_EQ(s3.blob_count(), 1u);
  EXPECT_EQ(error_of(s3.send("POST", "/objects?delete", "<Delete></Delete>")), "MalformedXML 400");
}

TEST_F(ObjectOperations, TagsFromTheUploadHeaderAreReadBack) {
  ASSERT_TRUE(s3.s3().put_object({"objects", "tagged", "x", "", {}, {{"env", "dev"}}}));
  auto tags = parse_xml(expect_ok(s3.send("GET", "/objects/tagged?tagging")));
  EXPECT_EQ(tags.text("TagSet/Tag/Key"), "env");
  EXPECT_EQ(tags.text("TagSet/Tag/Value"), "dev");
  EXPECT_EQ(s3.s3().head_object("objects", "tagged").has_value(), true);
  std::string replacement = aws::tagging_document({{"team", "a"}});
  ASSERT_EQ(error_of(s3.send("PUT", "/objects/tagged?tagging", replacement)), "ok");
  EXPECT_EQ(parse_xml(expect_ok(s3.send("GET", "/objects/tagged?tagging"))).text("TagSet/Tag/Key"),
            "team");
  EXPECT_EQ(error_of(s3.send("GET", "/objects/untagged?tagging")), "NoSuchKey 404");
}

TEST_F(ObjectOperations, ReadersNeverSeeHalfAReplacedObject) {
  const std::string first(64 * 1024, 'a');
  const std::string second(32 * 1024, 'b');
  ASSERT_TRUE(s3.s3().put_object({"objects", "hot", first, "", {}, {}}));
  constexpr int kRounds = 200;
  std::thread writer([&] {
    for (int round = 0; round < kRounds; ++round)
      (void)s3.send("PUT", "/objects/hot", round % 2 == 0 ? second : first);
  });
  int whole_reads = 0;
  for (int round = 0; round < kRounds; ++round) {
    auto read = s3.send("GET", "/objects/hot");
    ASSERT_TRUE(read.has_value()) << read.error().code << ": " << read.error().message;
    whole_reads += read->body == first || read->body == second;
  }
  writer.join();
  EXPECT_EQ(whole_reads, kRounds);
  EXPECT_EQ(s3.blob_count(), 1u);
}

TEST(ObjectPersistence, ObjectsSurviveARestartAndStrayFilesAreSwept) {
  auto dir = testing::fresh_state_dir();
  auto database = (dir / "state.db").string();
  {
    testing::S3Harness before(dir, database, testing::OnExit::keep_state);
    ASSERT_TRUE(before.s3().create_bucket("durable"));
    ASSERT_TRUE(before.s3().put_object({"durable", "k", "kept", "", {}, {}}));
  }
  std::ofstream(dir / "s3" / "blobs" / "left-by-a-crash") << "x";
  testing::S3Harness after(dir, database);
  EXPECT_EQ(after.blob_count(), 1u);
  auto object = after.s3().get_object("durable", "k");
  ASSERT_TRUE(object.has_value());
  EXPECT_EQ(object->body, "kept");
}

}  // namespace
}  // namespace spawn::localcloud
