#include "aws/s3_documents.hpp"

#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "testdata.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {
namespace {

pugi::xml_document parsed(const std::string& text) {
  pugi::xml_document document;
  EXPECT_TRUE(document.load_string(text.c_str())) << text;
  return document;
}

TEST(S3DocumentsTest, ContentMd5IsTheBase64Digest) {
  // The Content-MD5 the AWS CLI sent for "hello world\n" (captured 19-s3-PutObject).
  EXPECT_EQ(content_md5("hello world\n"), "b1kCrCNwJL3QwXbLkwY9xA==");
  EXPECT_EQ(content_md5(""), "1B2M2Y8AsgTpgAmY7PhCfg==");
}

TEST(S3DocumentsTest, CreateBucketNamesTheRegionExceptUsEast1) {
  EXPECT_EQ(create_bucket_document("us-east-1"), "");
  pugi::xml_document document = parsed(create_bucket_document("eu-west-1"));
  pugi::xml_node root = document.document_element();
  EXPECT_STREQ(root.name(), "CreateBucketConfiguration");
  EXPECT_STREQ(root.attribute("xmlns").value(), "http://s3.amazonaws.com/doc/2006-03-01/");
  EXPECT_STREQ(root.child_value("LocationConstraint"), "eu-west-1");
}

TEST(S3DocumentsTest, PublicAccessBlockTurnsOnAllFourBlocks) {
  pugi::xml_document document = parsed(public_access_block_document());
  pugi::xml_node root = document.document_element();
  EXPECT_STREQ(root.name(), "PublicAccessBlockConfiguration");
  for (const char* block :
       {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"}) {
    EXPECT_STREQ(root.child_value(block), "true") << block;
  }
}

TEST(S3DocumentsTest, EncryptionDefaultsToAes256) {
  pugi::xml_document document = parsed(aes256_encryption_document());
  EXPECT_STREQ(document.document_element().name(), "ServerSideEncryptionConfiguration");
  EXPECT_STREQ(document.document_element()
                   .child("Rule")
                   .child("ApplyServerSideEncryptionByDefault")
                   .child_value("SSEAlgorithm"),
               "AES256");
}

TEST(S3DocumentsTest, TaggingDocumentEscapesKeysAndValues) {
  pugi::xml_document document =
      parsed(tagging_document({{"spawn:managed", "true"}, {"a&b", "<c>"}}));
  std::vector<std::pair<std::string, std::string>> tags;
  for (pugi::xml_node tag : document.document_element().child("TagSet").children("Tag")) {
    tags.emplace_back(tag.child_value("Key"), tag.child_value("Value"));
  }
  EXPECT_EQ(tags, (std::vector<std::pair<std::string, std::string>>{{"spawn:managed", "true"},
                                                                    {"a&b", "<c>"}}));
}

TEST(S3DocumentsTest, TaggingHeaderIsUriEncoded) {
  EXPECT_EQ(tagging_header({{"spawn:managed", "true"}, {"a b", "c&d=e"}}),
            "spawn%3Amanaged=true&a%20b=c%26d%3De");
}

TEST(S3DocumentsTest, ListQueryCarriesPrefixTokenAndPageSize) {
  EXPECT_EQ(encode_query(list_objects_query({"b", "some prefix/", {50, "token+1"}})),
            "list-type=2&prefix=some%20prefix%2F&continuation-token=token%2B1&max-keys=50&"
            "encoding-type=url");
  EXPECT_EQ(encode_query(list_objects_query({"b", "", {}})), "list-type=2&encoding-type=url");
}

TEST(S3DocumentsTest, ListAnswerFromBotocoreExampleIsRead) {
  SPAWN_REQUIRE_TESTDATA(path,
                         "aws-examples/botocore-response-parsing/xml/responses/"
                         "s3-list-objects.xml");
  auto page = parse_list_objects(testing::read_testdata_file(path));

  ASSERT_TRUE(page.has_value()) << page.error().message;
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].key, "key1");
  EXPECT_EQ(page->items[0].size, 10000);
  EXPECT_EQ(page->items[0].etag, "\"1d921b22129502cbbe5cbaf2c8bac682\"");
  ASSERT_TRUE(page->items[0].last_modified.has_value());
  EXPECT_EQ(format_iso8601(*page->items[0].last_modified), "2013-01-10T21:45:09Z");
  EXPECT_EQ(page->items[1].size, 1234);
  EXPECT_TRUE(page->next_token.empty());
}

TEST(S3DocumentsTest, UrlEncodedListAnswerIsDecodedAndContinues) {
  auto page = parse_list_objects(R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>demo-bucket</Name><Prefix>some+prefix%2F</Prefix><KeyCount>1</KeyCount>
  <MaxKeys>1</MaxKeys><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>
  <Contents><Key>some+prefix%2Fa%2Bb.txt</Key><Size>3</Size></Contents>
  <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
</ListBucketResult>)");

  ASSERT_TRUE(page.has_value()) << page.error().message;
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].key, "some prefix/a+b.txt");
  EXPECT_EQ(page->next_token, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
}

TEST(S3DocumentsTest, BrokenListAnswerIsAParseError) {
  auto page = parse_list_objects("<ListBucketResult><Contents>");

  ASSERT_FALSE(page.has_value());
  EXPECT_EQ(page.error().kind, ErrorKind::parse);
}

TEST(S3DocumentsTest, ObjectInfoComesFromTheHeaders) {
  HttpResponse response{200,
                        {{"content-length", "11"},
                         {"ETag", "\"5eb63bbbe01eeed093cb22bb8f5acdc3\""},
                         {"Content-Type", "text/plain"},
                         {"Last-Modified", "Sun, 30 Aug 2015 12:36:00 GMT"},
                         {"X-Amz-Meta-Spawn-Owner", "alice"},
                         {"x-amz-request-id", "r-1"}},
                        ""};

  ObjectInfo info = read_object_info(response);

  EXPECT_EQ(info.size, 11);
  EXPECT_EQ(info.etag, "\"5eb63bbbe01eeed093cb22bb8f5acdc3\"");
  EXPECT_EQ(info.content_type, "text/plain");
  ASSERT_TRUE(info.last_modified.has_value());
  EXPECT_EQ(format_iso8601(*info.last_modified), "2015-08-30T12:36:00Z");
  EXPECT_EQ(info.metadata, (std::map<std::string, std::string>{{"spawn-owner", "alice"}}));
}

TEST(S3DocumentsTest, ObjectSizeFallsBackToTheBody) {
  EXPECT_EQ(read_object_info(HttpResponse{200, {}, "hello"}).size, 5);
}

}  // namespace
}  // namespace spawn::aws
