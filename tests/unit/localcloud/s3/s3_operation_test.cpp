#include "localcloud/services/s3/s3_operation.hpp"

#include <gtest/gtest.h>

#include "raw_request.hpp"
#include "testdata.hpp"

namespace spawn::localcloud {
namespace {

aws::HttpRequest http(std::string method, std::string_view target, aws::Headers headers = {}) {
  aws::HttpRequest request;
  request.method = std::move(method);
  std::size_t question = target.find('?');
  request.url.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos)
    request.url.query = std::string(target.substr(question + 1));
  request.headers = std::move(headers);
  return request;
}

S3Route route(std::string method, std::string_view target, aws::Headers headers = {}) {
  auto routed = route_s3_request(http(std::move(method), target, std::move(headers)));
  EXPECT_TRUE(routed.has_value()) << target << ": " << (routed ? "" : routed.error().code);
  return routed ? *routed : S3Route{};
}

std::string error_code(std::string method, std::string_view target) {
  auto routed = route_s3_request(http(std::move(method), target));
  if (routed)
    return "ok";
  return routed.error().code + " " + std::to_string(routed.error().status);
}

TEST(S3Operation, ServiceRootListsBuckets) {
  S3Route listing = route("GET", "/");
  EXPECT_EQ(listing.operation, S3Operation::list_buckets);
  EXPECT_EQ(listing.bucket, "");
}

TEST(S3Operation, CapturedCliListingIsListObjectsV2WithDecodedParameters) {
  SPAWN_REQUIRE_TESTDATA(path, "awscli-requests/awscli-2.9.19-debian/18-s3-ListObjectsV2.http");
  auto request =
      spawn::testing::parse_raw_request(spawn::testing::read_testdata_file(path), "http");
  ASSERT_TRUE(request.has_value());
  auto routed = route_s3_request(*request);
  ASSERT_TRUE(routed.has_value());
  EXPECT_EQ(routed->operation, S3Operation::list_objects_v2);
  EXPECT_EQ(routed->bucket, "demo-bucket");
  EXPECT_EQ(routed->param("prefix"), "some prefix/");
  EXPECT_EQ(routed->param("delimiter"), "/");
  EXPECT_EQ(routed->param("encoding-type"), "url");
}

TEST(S3Operation, CapturedCliPutDecodesTheKeyKeepingPlusSigns) {
  SPAWN_REQUIRE_TESTDATA(path, "awscli-requests/awscli-2.9.19-debian/19-s3-PutObject.http");
  auto request =
      spawn::testing::parse_raw_request(spawn::testing::read_testdata_file(path), "http");
  ASSERT_TRUE(request.has_value());
  auto routed = route_s3_request(*request);
  ASSERT_TRUE(routed.has_value());
  EXPECT_EQ(routed->operation, S3Operation::put_object);
  EXPECT_EQ(routed->key, "dir/a b+c~d.txt");
}

TEST(S3Operation, KeysKeepSlashesAndUnicode) {
  S3Route get = route("GET", "/b/%E2%9C%93/deep//x%2Fy");
  EXPECT_EQ(get.operation, S3Operation::get_object);
  EXPECT_EQ(get.bucket, "b");
  EXPECT_EQ(get.key, "\xE2\x9C\x93/deep//x/y");
}

TEST(S3Operation, TrailingSlashAfterTheBucketIsBucketLevel) {
  EXPECT_EQ(route("PUT", "/b/").operation, S3Operation::create_bucket);
  EXPECT_EQ(route("GET", "/b").operation, S3Operation::list_objects);
  EXPECT_EQ(route("HEAD", "/b").operation, S3Operation::head_bucket);
  EXPECT_EQ(route("DELETE", "/b").operation, S3Operation::delete_bucket);
}

struct Case {
  const char* method;
  const char* target;
  S3Operation operation;
};

TEST(S3Operation, SubresourcesPickTheOperation) {
  const Case cases[] = {
      {"GET", "/b?location", S3Operation::get_bucket_location},
      {"GET", "/b?list-type=2&prefix=a", S3Operation::list_objects_v2},
      {"POST", "/b?delete", S3Operation::delete_objects},
      {"PUT", "/b?tagging", S3Operation::put_bucket_tagging},
      {"GET", "/b?tagging", S3Operation::get_bucket_tagging},
      {"DELETE", "/b?tagging", S3Operation::delete_bucket_tagging},
      {"PUT", "/b?encryption", S3Operation::put_bucket_encryption},
      {"GET", "/b?encryption", S3Operation::get_bucket_encryption},
      {"PUT", "/b?publicAccessBlock", S3Operation::put_public_access_block},
      {"GET", "/b?publicAccessBlock", S3Operation::get_public_access_block},
      {"DELETE", "/b?publicAccessBlock", S3Operation::delete_public_access_block},
      {"GET", "/b?uploads", S3Operation::list_multipart_uploads},
      {"PUT", "/b/k?tagging", S3Operation::put_object_tagging},
      {"GET", "/b/k?tagging", S3Operation::get_object_tagging},
      {"DELETE", "/b/k?tagging", S3Operation::delete_object_tagging},
      {"POST", "/b/k?uploads", S3Operation::create_multipart_upload},
      {"PUT", "/b/k?partNumber=1&uploadId=u", S3Operation::upload_part},
      {"PUT", "/b/k?uploadId=u&partNumber=2", S3Operation::upload_part},
      {"POST", "/b/k?uploadId=u", S3Operation::complete_multipart_upload},
      {"DELETE", "/b/k?uploadId=u", S3Operation::abort_multipart_upload},
      {"GET", "/b/k?uploadId=u", S3Operation::list_parts},
      {"HEAD", "/b/k", S3Operation::head_object},
      {"DELETE", "/b/k", S3Operation::delete_object},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(operation_name(route(c.method, c.target).operation), operation_name(c.operation))
        << c.method << " " << c.target;
  }
}

TEST(S3Operation, ACopySourceHeaderTurnsPutsIntoCopies) {
  aws::Headers copy{{"x-amz-copy-source", "/src/key"}};
  EXPECT_EQ(route("PUT", "/b/k", copy).operation, S3Operation::copy_object);
  EXPECT_EQ(route("PUT", "/b/k?partNumber=1&uploadId=u", copy).operation,
            S3Operation::upload_part_copy);
}

TEST(S3Operation, PresignedGetIgnoresTheSignatureParameters) {
  S3Route get = route("GET",
                      "/b/k.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=A%2F1&"
                      "X-Amz-Date=20250101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&"
                      "X-Amz-Signature=abc&response-content-type=text%2Fplain");
  EXPECT_EQ(get.operation, S3Operation::get_object);
  EXPECT_EQ(get.query.size(), 1u);
  EXPECT_EQ(get.param("response-content-type"), "text/plain");
}

TEST(S3Operation, QueryValuesTakePlusAsSpace) {
  EXPECT_EQ(route("GET", "/b?list-type=2&prefix=a+b%2Bc").param("prefix"), "a b+c");
}

TEST(S3Operation, MalformedOrUnsupportedRequestsGetS3Errors) {
  EXPECT_EQ(error_code("GET", "/b/%zz"), "InvalidURI 400");
  EXPECT_EQ(error_code("GET", "/b?prefix=%4"), "InvalidURI 400");
  EXPECT_EQ(error_code("GET", "no-slash"), "InvalidURI 400");
  EXPECT_EQ(error_code("GET", "//key"), "InvalidURI 400");
  EXPECT_EQ(error_code("PUT", "/b/not-utf8-%FF"), "InvalidURI 400");
  EXPECT_EQ(error_code("PUT", "/"), "MethodNotAllowed 405");
  EXPECT_EQ(error_code("POST", "/b"), "MethodNotAllowed 405");
  EXPECT_EQ(error_code("PATCH", "/b/k"), "MethodNotAllowed 405");
  EXPECT_EQ(error_code("POST", "/b?tagging"), "MethodNotAllowed 405");
  EXPECT_EQ(error_code("GET", "/b?acl"), "NotImplemented 501");
  EXPECT_EQ(error_code("GET", "/b?list-type=3"), "InvalidArgument 400");
  EXPECT_EQ(error_code("PUT", "/b/" + std::string(1025, 'k')), "KeyTooLongError 400");
}

TEST(S3Operation, EveryOperationHasItsModelName) {
  EXPECT_EQ(operation_name(S3Operation::list_objects_v2), "ListObjectsV2");
  EXPECT_EQ(operation_name(S3Operation::complete_multipart_upload), "CompleteMultipartUpload");
  EXPECT_EQ(operation_name(S3Operation::list_parts), "ListParts");
}

}  // namespace
}  // namespace spawn::localcloud
