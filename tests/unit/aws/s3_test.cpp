#include "aws/s3.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "aws/s3_documents.hpp"
#include "service_test_client.hpp"
#include "util/crypto.hpp"

namespace spawn::aws {
namespace {

using testing::ProtocolTestClient;

constexpr std::string_view kS3ErrorNoSuchKey =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>"
    "<Message>The specified key does not exist.</Message><Key>missing</Key>"
    "<RequestId>4442587FB7D0A2F9</RequestId></Error>";

std::string page_answer(const std::string& key, const std::string& next_token) {
  std::string truncation = next_token.empty() ? "<IsTruncated>false</IsTruncated>"
                                              : "<IsTruncated>true</IsTruncated>"
                                                "<NextContinuationToken>" +
                                                    next_token + "</NextContinuationToken>";
  return "<ListBucketResult><Contents><Key>" + key + "</Key><Size>1</Size></Contents>" +
         truncation + "</ListBucketResult>";
}

TEST(S3ClientTest, PutObjectSendsTheRequestTheAwsCliSends) {
  SPAWN_REQUIRE_TESTDATA(path, std::string(testing::kCapturedRequests) + "19-s3-PutObject.http");
  HttpRequest captured = testing::read_captured_request(path);
  ProtocolTestClient test(testing::endpoint_of(captured), "us-east-1", testing::time_of(captured));
  test.transport.reply(200, "");

  auto put = S3Client(test.client)
                 .put_object({"demo-bucket",
                              "dir/a b+c~d.txt",
                              captured.body,
                              "text/plain",
                              ServerSideEncryption::bucket_default,
                              {}});

  ASSERT_TRUE(put.has_value()) << put.error().message;
  const HttpRequest& sent = test.only_request();
  testing::expect_same_request(sent, captured);
  for (std::string_view header : {"Content-Type", "Content-MD5", "X-Amz-Content-SHA256"}) {
    EXPECT_EQ(sent.header(header).value_or(""), testing::captured_header(captured, header))
        << header;
  }
}

TEST(S3ClientTest, PutObjectAsksForEncryptionAndTags) {
  ProtocolTestClient test;
  test.transport.reply(200, "");

  (void)S3Client(test.client)
      .put_object({"b-1", "k", "data", "", ServerSideEncryption::aes256, {{"spawn:sweep", "s 1"}}});

  const HttpRequest& sent = test.only_request();
  EXPECT_EQ(sent.header("x-amz-server-side-encryption").value_or(""), "AES256");
  EXPECT_EQ(sent.header("x-amz-tagging").value_or(""), "spawn%3Asweep=s%201");
  EXPECT_FALSE(sent.header("Content-Type").has_value());
  EXPECT_EQ(sent.body, "data");
}

TEST(S3ClientTest, ObjectOperationsNeedAKey) {
  ProtocolTestClient test;
  S3Client s3(test.client);

  EXPECT_EQ(s3.head_object("b-1", "").error().kind, ErrorKind::usage);
  EXPECT_EQ(s3.get_object("b-1", "").error().kind, ErrorKind::usage);
  EXPECT_EQ(s3.delete_object("b-1", "").error().kind, ErrorKind::usage);
  EXPECT_TRUE(test.transport.requests.empty());
}

TEST(S3ClientTest, ListObjectsSendsPrefixLikeTheAwsCli) {
  SPAWN_REQUIRE_TESTDATA(path,
                         std::string(testing::kCapturedRequests) + "18-s3-ListObjectsV2.http");
  HttpRequest captured = testing::read_captured_request(path);
  ProtocolTestClient test(testing::endpoint_of(captured));
  test.transport.reply(200, page_answer("some prefix/file.txt", ""));

  auto page = S3Client(test.client).list_objects({"demo-bucket", "some prefix/", {}});

  ASSERT_TRUE(page.has_value()) << page.error().message;
  const HttpRequest& sent = test.only_request();
  EXPECT_EQ(sent.method, "GET");
  EXPECT_EQ(sent.url.path, captured.url.path);
  // The CLI also asked for delimiter=%2F (an "ls"); everything else is the same.
  EXPECT_EQ(sent.url.query, "list-type=2&prefix=some%20prefix%2F&encoding-type=url");
  EXPECT_NE(captured.url.query.find("prefix=some%20prefix%2F"), std::string::npos);
  EXPECT_EQ(page->items[0].key, "some prefix/file.txt");
}

TEST(S3ClientTest, ListAllFollowsTheContinuationToken) {
  ProtocolTestClient test;
  test.transport.reply(200, page_answer("a", "next/token="));
  test.transport.reply(200, page_answer("b", ""));

  auto objects = S3Client(test.client).list_objects_all("b-1", "");

  ASSERT_TRUE(objects.has_value()) << objects.error().message;
  ASSERT_EQ(objects->size(), 2u);
  EXPECT_EQ((*objects)[1].key, "b");
  ASSERT_EQ(test.transport.requests.size(), 2u);
  EXPECT_EQ(test.transport.requests[1].url.query,
            "list-type=2&continuation-token=next%2Ftoken%3D&encoding-type=url");
}

TEST(S3ClientTest, RequestsToAwsAreVirtualHostedAndSignedForS3) {
  ProtocolTestClient test(ProtocolTestClient::standard_endpoints(), "eu-west-1");
  test.transport.reply(200, "hello");

  auto object = S3Client(test.client).get_object("demo-bucket", "dir/a b.txt");

  ASSERT_TRUE(object.has_value()) << object.error().message;
  EXPECT_EQ(object->body, "hello");
  const HttpRequest& sent = test.only_request();
  EXPECT_EQ(sent.url.to_string(), "https://demo-bucket.s3.eu-west-1.amazonaws.com/dir/a%20b.txt");
  EXPECT_EQ(sent.header("Host").value_or(""), "demo-bucket.s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(sent.header("X-Amz-Content-SHA256").value_or(""), sha256_hex(""));
  EXPECT_NE(sent.header("Authorization").value_or("").find("/eu-west-1/s3/aws4_request"),
            std::string_view::npos);
}

TEST(S3ClientTest, MissingObjectIsNotFound) {
  ProtocolTestClient test;
  test.transport.reply(404, std::string(kS3ErrorNoSuchKey));
  test.transport.reply(404, "");
  S3Client s3(test.client);

  auto object = s3.get_object("b-1", "missing");
  auto info = s3.head_object("b-1", "missing");

  ASSERT_FALSE(object.has_value());
  EXPECT_EQ(object.error().kind, ErrorKind::not_found);
  EXPECT_EQ(object.error().aws->code, "NoSuchKey");
  ASSERT_FALSE(info.has_value());
  EXPECT_EQ(info.error().kind, ErrorKind::not_found);
  EXPECT_EQ(test.transport.requests[1].method, "HEAD");
}

TEST(S3ClientTest, HeadObjectReadsSizeEtagAndMetadata) {
  ProtocolTestClient test;
  test.transport.reply(200, "",
                       {{"Content-Length", "434234"},
                        {"ETag", "\"fba9dede5f27731c9771645a39863328\""},
                        {"x-amz-meta-spawn-sweep", "s-1"}});

  auto info = S3Client(test.client).head_object("b-1", "k");

  ASSERT_TRUE(info.has_value()) << info.error().message;
  EXPECT_EQ(info->size, 434234);
  EXPECT_EQ(info->etag, "\"fba9dede5f27731c9771645a39863328\"");
  EXPECT_EQ(info->metadata.at("spawn-sweep"), "s-1");
  EXPECT_EQ(test.only_request().url.path, "/b-1/k");
}

TEST(S3ClientTest, AccessDeniedFromBotocoreExampleIsAnAuthError) {
  SPAWN_REQUIRE_TESTDATA(path,
                         "aws-examples/botocore-response-parsing/xml/errors/s3-list-objects.xml");
  ProtocolTestClient test;
  test.transport.reply(403, testing::read_testdata_file(path));

  auto page = S3Client(test.client).list_objects({"b-1", "", {}});

  ASSERT_FALSE(page.has_value());
  EXPECT_EQ(page.error().kind, ErrorKind::auth);
  EXPECT_EQ(page.error().aws->request_id, "9C7D5181867045BB");
}

TEST(S3ClientTest, DeleteObjectSendsDelete) {
  ProtocolTestClient test;
  test.transport.reply(204, "");

  auto deleted = S3Client(test.client).delete_object("b-1", "dir/k");

  ASSERT_TRUE(deleted.has_value());
  EXPECT_EQ(test.only_request().method, "DELETE");
  EXPECT_EQ(test.only_request().url.path, "/b-1/dir/k");
}

TEST(S3ClientTest, CreateBucketOutsideUsEast1NamesTheRegion) {
  ProtocolTestClient test(ProtocolTestClient::standard_endpoints(), "eu-west-1");
  test.transport.reply(200, "");

  auto created = S3Client(test.client).create_bucket("spawn-staging");

  ASSERT_TRUE(created.has_value());
  const HttpRequest& sent = test.only_request();
  EXPECT_EQ(sent.method, "PUT");
  EXPECT_EQ(sent.url.to_string(), "https://spawn-staging.s3.eu-west-1.amazonaws.com/");
  EXPECT_NE(sent.body.find("<LocationConstraint>eu-west-1</LocationConstraint>"),
            std::string::npos);
}

TEST(S3ClientTest, CreateBucketInUsEast1HasNoBody) {
  ProtocolTestClient test;
  test.transport.reply(200, "");

  (void)S3Client(test.client).create_bucket("spawn-staging");

  EXPECT_EQ(test.only_request().url.path, "/spawn-staging");
  EXPECT_EQ(test.only_request().body, "");
}

TEST(S3ClientTest, BucketOwnedAlreadyIsAConflict) {
  ProtocolTestClient test;
  test.transport.reply(409,
                       "<Error><Code>BucketAlreadyOwnedByYou</Code><Message>m</Message></Error>");

  auto created = S3Client(test.client).create_bucket("spawn-staging");

  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().kind, ErrorKind::conflict);
}

// The bucket configuration PUTs: each goes to its sub-resource with a checksummed body.
struct ConfigurationPut {
  std::string subresource;
  std::function<Result<void>(S3Client&)> call;
  std::string body_fragment;
};

TEST(S3ClientTest, BucketConfigurationGoesToItsSubresourceWithContentMd5) {
  const std::vector<ConfigurationPut> puts = {
      {"publicAccessBlock", [](S3Client& s3) { return s3.put_public_access_block("b-1"); },
       "<RestrictPublicBuckets>true</RestrictPublicBuckets>"},
      {"encryption", [](S3Client& s3) { return s3.put_bucket_encryption("b-1"); },
       "<SSEAlgorithm>AES256</SSEAlgorithm>"},
      {"tagging",
       [](S3Client& s3) {
         return s3.put_bucket_tagging("b-1", {{"spawn:managed", "true"}});
       },
       "<Key>spawn:managed</Key>"},
  };
  for (const ConfigurationPut& put : puts) {
    SCOPED_TRACE(put.subresource);
    ProtocolTestClient test;
    test.transport.reply(200, "");
    S3Client s3(test.client);

    auto done = put.call(s3);

    ASSERT_TRUE(done.has_value()) << done.error().message;
    const HttpRequest& sent = test.only_request();
    EXPECT_EQ(sent.method, "PUT");
    EXPECT_EQ(sent.url.target(), "/b-1?" + put.subresource);
    EXPECT_NE(sent.body.find(put.body_fragment), std::string::npos) << sent.body;
    EXPECT_EQ(sent.header("Content-MD5").value_or(""), content_md5(sent.body));
  }
}

TEST(S3ClientTest, PresignedGetCarriesTheSignatureInTheQuery) {
  ProtocolTestClient test(ProtocolTestClient::standard_endpoints(), "eu-west-1");

  auto url =
      S3Client(test.client).presign_get("demo-bucket", "dir/a b.txt", std::chrono::seconds(600));

  ASSERT_TRUE(url.has_value()) << url.error().message;
  EXPECT_TRUE(url->starts_with("https://demo-bucket.s3.eu-west-1.amazonaws.com/dir/a%20b.txt?"))
      << *url;
  for (std::string_view part :
       {"X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Expires=600", "X-Amz-SignedHeaders=host",
        "X-Amz-Credential=AKIDEXAMPLE%2F20231114%2Feu-west-1%2Fs3%2Faws4_request",
        "X-Amz-Signature="}) {
    EXPECT_NE(url->find(part), std::string::npos) << part << " in " << *url;
  }
  EXPECT_TRUE(test.transport.requests.empty());
}

}  // namespace
}  // namespace spawn::aws
