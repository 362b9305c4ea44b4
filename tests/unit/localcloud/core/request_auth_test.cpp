#include "localcloud/auth/request_auth.hpp"

#include <gtest/gtest.h>

#include "util/time_format.hpp"

namespace spawn::localcloud {
namespace {

const SystemTime kNow = *parse_iso8601("2026-11-26T12:00:00Z");

aws::HttpRequest get_object_request() {
  aws::HttpRequest request;
  request.url = aws::Url{"http", "127.0.0.1", 4580, "/agent-bucket/spored-linux-amd64", ""};
  request.headers = {{"Host", "127.0.0.1:4580"}};
  return request;
}

class RequestAuthTest : public ::testing::Test {
 protected:
  RequestAuthTest() : store_(std::move(*ResourceStore::open(":memory:"))), credentials_(*store_) {
    credentials_.add_long_term(std::string(kDefaultAccessKeyId),
                               std::string(kDefaultSecretAccessKey));
  }

  aws::Credentials as_client(const AccessKey& key) {
    return aws::Credentials{key.access_key_id, key.secret_access_key, key.session_token,
                            key.expires, "test"};
  }

  aws::HttpRequest presigned(std::chrono::seconds expires) {
    auto url = aws::presign(
        get_object_request(),
        aws::Credentials{std::string(kDefaultAccessKeyId), std::string(kDefaultSecretAccessKey), "",
                         std::nullopt, "test"},
        aws::SigningScope{"s3", "us-east-1", kNow}, aws::presign_options_for("s3", expires));
    EXPECT_TRUE(url.has_value());
    aws::HttpRequest request = get_object_request();
    request.url = url->url;
    return request;
  }

  std::unique_ptr<ResourceStore> store_;
  CredentialStore credentials_;
};

TEST_F(RequestAuthTest, TemporaryCredentialsWorkWithTheirTokenUntilTheyExpire) {
  auto key = credentials_.issue_temporary("arn:aws:sts::123456789012:assumed-role/r/i-1",
                                          std::chrono::hours(6), kNow);
  ASSERT_TRUE(key.has_value());
  EXPECT_TRUE(key->access_key_id.starts_with("ASIA"));

  aws::HttpRequest request = get_object_request();
  ASSERT_TRUE(
      aws::sign_request(request, as_client(*key), aws::SigningScope{"s3", "us-east-1", kNow}));
  auto accepted = authenticate(request, credentials_, kNow);
  ASSERT_TRUE(accepted.has_value()) << accepted.error().detail;
  EXPECT_EQ(accepted->key.principal_arn, "arn:aws:sts::123456789012:assumed-role/r/i-1");

  SystemTime later = kNow + std::chrono::hours(7);
  aws::HttpRequest late = get_object_request();
  ASSERT_TRUE(
      aws::sign_request(late, as_client(*key), aws::SigningScope{"s3", "us-east-1", later}));
  auto expired = authenticate(late, credentials_, later);
  ASSERT_FALSE(expired.has_value());
  EXPECT_EQ(expired.error().problem, AuthProblem::key_expired);
}

TEST_F(RequestAuthTest, TemporaryKeyWithoutItsTokenIsRefused) {
  auto key = credentials_.issue_temporary("arn:aws:sts::123456789012:assumed-role/r/i-1",
                                          std::chrono::hours(1), kNow);
  AccessKey tokenless = *key;
  tokenless.session_token.clear();
  aws::HttpRequest request = get_object_request();
  ASSERT_TRUE(
      aws::sign_request(request, as_client(tokenless), aws::SigningScope{"s3", "us-east-1", kNow}));
  auto refused = authenticate(request, credentials_, kNow);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().problem, AuthProblem::bad_token);
  EXPECT_EQ(auth_error("s3", refused.error()).code, "InvalidToken");
}

TEST_F(RequestAuthTest, PresignedUrlWorksUntilItExpires) {
  aws::HttpRequest request = presigned(std::chrono::seconds(300));
  EXPECT_TRUE(authenticate(request, credentials_, kNow + std::chrono::seconds(299)).has_value());
  auto late = authenticate(request, credentials_, kNow + std::chrono::seconds(301));
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().problem, AuthProblem::url_expired);
  ApiError error = auth_error("s3", late.error());
  EXPECT_EQ(error.code, "AccessDenied");
  EXPECT_EQ(error.status, 403);
}

TEST_F(RequestAuthTest, PresignedUrlWithAChangedPathIsRefused) {
  aws::HttpRequest request = presigned(std::chrono::seconds(300));
  request.url.path = "/agent-bucket/other-object";
  auto refused = authenticate(request, credentials_, kNow);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().problem, AuthProblem::bad_signature);
  EXPECT_EQ(auth_error("s3", refused.error()).code, "SignatureDoesNotMatch");
}

TEST_F(RequestAuthTest, S3ClockSkewIsRequestTimeTooSkewed) {
  aws::HttpRequest request = get_object_request();
  ASSERT_TRUE(aws::sign_request(
      request,
      aws::Credentials{std::string(kDefaultAccessKeyId), std::string(kDefaultSecretAccessKey), "",
                       std::nullopt, "test"},
      aws::SigningScope{"s3", "us-east-1", kNow - std::chrono::minutes(20)}));
  auto refused = authenticate(request, credentials_, kNow);
  ASSERT_FALSE(refused.has_value());
  ApiError error = auth_error("s3", refused.error());
  EXPECT_EQ(error.code, "RequestTimeTooSkewed");
  EXPECT_EQ(error.status, 403);
}

TEST_F(RequestAuthTest, MalformedAuthorizationIsIncompleteSignature) {
  aws::HttpRequest request = get_object_request();
  request.headers.emplace_back("Authorization", "AWS4-HMAC-SHA256 Credential=nonsense");
  auto refused = authenticate(request, credentials_, kNow);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().problem, AuthProblem::malformed);
  EXPECT_EQ(auth_error("ec2", refused.error()).code, "IncompleteSignature");
}

}  // namespace
}  // namespace spawn::localcloud
