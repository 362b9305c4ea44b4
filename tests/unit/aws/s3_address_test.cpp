#include "aws/s3_address.hpp"

#include <gtest/gtest.h>

namespace spawn::aws {
namespace {

EndpointResolver local_endpoint(std::string url) {
  return EndpointResolver(EndpointOverrides{std::move(url), {}});
}

TEST(S3AddressTest, StandardEndpointPutsTheBucketInTheHostName) {
  auto url = s3_url(EndpointResolver(), "eu-west-1", "demo-bucket", "dir/a b+c~d.txt");

  ASSERT_TRUE(url.has_value()) << url.error().message;
  EXPECT_EQ(url->to_string(), "https://demo-bucket.s3.eu-west-1.amazonaws.com/dir/a%20b%2Bc~d.txt");
}

TEST(S3AddressTest, BucketLevelRequestsUseTheRootPath) {
  auto url = s3_url(EndpointResolver(), "us-east-1", "demo-bucket", "");

  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->host, "demo-bucket.s3.us-east-1.amazonaws.com");
  EXPECT_EQ(url->path, "/");
}

TEST(S3AddressTest, DottedBucketsUsePathStyleOnTheStandardEndpoint) {
  auto url = s3_url(EndpointResolver(), "eu-west-1", "my.bucket", "key");

  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->to_string(), "https://s3.eu-west-1.amazonaws.com/my.bucket/key");
}

TEST(S3AddressTest, IpEndpointUsesPathStyle) {
  auto url = s3_url(local_endpoint("http://127.0.0.1:4566"), "us-east-1", "demo-bucket",
                    "dir/file name.txt");

  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->to_string(), "http://127.0.0.1:4566/demo-bucket/dir/file%20name.txt");
}

TEST(S3AddressTest, CustomHostEndpointUsesPathStyle) {
  auto bucket = s3_url(local_endpoint("http://localhost:9000"), "us-east-1", "demo-bucket", "");

  ASSERT_TRUE(bucket.has_value());
  EXPECT_EQ(bucket->to_string(), "http://localhost:9000/demo-bucket");
}

TEST(S3AddressTest, S3OnlyOverrideUsesPathStyle) {
  EndpointResolver resolver(
      EndpointOverrides{std::nullopt, {{"S3", "https://minio.example:9000"}}});

  auto url = s3_url(resolver, "us-east-1", "demo-bucket", "k");

  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->to_string(), "https://minio.example:9000/demo-bucket/k");
}

TEST(S3AddressTest, EmptyBucketIsAUsageError) {
  auto url = s3_url(EndpointResolver(), "us-east-1", "", "key");

  ASSERT_FALSE(url.has_value());
  EXPECT_EQ(url.error().kind, ErrorKind::usage);
}

TEST(S3AddressTest, VirtualHostableBucketsAreOneLowerCaseDnsLabel) {
  EXPECT_TRUE(is_virtual_hostable_bucket("spawn-staging-123"));
  EXPECT_TRUE(is_virtual_hostable_bucket("abc"));
  EXPECT_FALSE(is_virtual_hostable_bucket("ab"));
  EXPECT_FALSE(is_virtual_hostable_bucket(std::string(64, 'a')));
  EXPECT_FALSE(is_virtual_hostable_bucket("my.bucket"));
  EXPECT_FALSE(is_virtual_hostable_bucket("Upper"));
  EXPECT_FALSE(is_virtual_hostable_bucket("-leading"));
  EXPECT_FALSE(is_virtual_hostable_bucket("trailing-"));
  EXPECT_FALSE(is_virtual_hostable_bucket("under_score"));
}

}  // namespace
}  // namespace spawn::aws
