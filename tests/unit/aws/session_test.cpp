#include "aws/session.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shared_config_test_support.hpp"

namespace spawn::aws {
namespace {

using ::testing::HasSubstr;

SessionOptions with_profile(std::string profile) {
  SessionOptions options;
  options.profile = std::move(profile);
  return options;
}

SessionOptions with_region(std::string region) {
  SessionOptions options;
  options.region = std::move(region);
  return options;
}

SessionOptions with_endpoint(std::string endpoint_url) {
  SessionOptions options;
  options.endpoint_url = std::move(endpoint_url);
  return options;
}

class SessionTest : public ::testing::Test {
 protected:
  Result<std::unique_ptr<Session>> make(SessionOptions options = {}) {
    return make_session(options, env_);
  }

  Error expect_usage_error(SessionOptions options = {}) {
    auto session = make(std::move(options));
    EXPECT_FALSE(session.has_value());
    if (session)
      return Error{ErrorKind::io, "", std::nullopt};
    EXPECT_EQ(session.error().kind, ErrorKind::usage) << session.error().message;
    return session.error();
  }

  testing::TempDir dir_;
  MapEnvironment env_ = testing::aws_files_env(dir_);
};

TEST_F(SessionTest, RegionComesFromTheProfileAndClientsUseIt) {
  dir_.write("config", "[profile dev]\nregion = eu-west-1\n");
  auto session = make(with_profile("dev"));
  ASSERT_TRUE(session.has_value()) << session.error().message;
  EXPECT_EQ((*session)->region(), "eu-west-1");
  EXPECT_EQ((*session)->client().region(), "eu-west-1");
  EXPECT_EQ((*session)->client_for("ap-south-1").region(), "ap-south-1");
}

TEST_F(SessionTest, RegionFlagWins) {
  dir_.write("config", "[default]\nregion = eu-west-1\n");
  env_.set("AWS_REGION", "us-west-1");
  auto session = make(with_region("us-east-2"));
  ASSERT_TRUE(session.has_value()) << session.error().message;
  EXPECT_EQ((*session)->region(), "us-east-2");
}

TEST_F(SessionTest, EndpointFlagPointsEveryServiceAtIt) {
  env_.set("AWS_REGION", "us-east-1");
  auto session = make(with_endpoint("http://127.0.0.1:4566"));
  ASSERT_TRUE(session.has_value()) << session.error().message;
  const auto& endpoints = (*session)->client().endpoints();
  EXPECT_TRUE(endpoints.overridden(services::ec2));
  EXPECT_EQ(endpoints.endpoint(services::iam, "us-east-1")->to_string(), "http://127.0.0.1:4566/");
}

TEST_F(SessionTest, UnknownProfileIsAUsageErrorListingKnownOnes) {
  dir_.write("config", "[default]\nregion = us-east-1\n[profile prod]\n");
  auto error = expect_usage_error(with_profile("staging"));
  EXPECT_THAT(error.message, HasSubstr("staging"));
  EXPECT_THAT(error.message, HasSubstr("default, prod"));
}

TEST_F(SessionTest, MalformedConfigIsAUsageErrorWithTheLine) {
  dir_.write("config", "[default]\nregion = us-east-1\n[profile broken\n");
  auto error = expect_usage_error(with_region("us-east-1"));
  EXPECT_THAT(error.message, HasSubstr((dir_.path() / "config").string() + ", line 3"));
}

TEST_F(SessionTest, NoRegionIsAUsageError) {
  auto error = expect_usage_error();
  EXPECT_THAT(error.hint, HasSubstr("--region"));
}

TEST_F(SessionTest, InvalidMaxAttemptsIsAUsageError) {
  env_.set("AWS_REGION", "us-east-1");
  env_.set("AWS_MAX_ATTEMPTS", "many");
  EXPECT_THAT(expect_usage_error().message, HasSubstr("AWS_MAX_ATTEMPTS = many"));
  env_.unset("AWS_MAX_ATTEMPTS");
  dir_.write("config", "[default]\nmax_attempts = 0\n");
  EXPECT_THAT(expect_usage_error().message, HasSubstr("max_attempts in profile default"));
  env_.set("AWS_MAX_ATTEMPTS", "5");
  EXPECT_TRUE(make().has_value());
}

TEST_F(SessionTest, InvalidEndpointOverrideIsAUsageError) {
  env_.set("AWS_REGION", "us-east-1");
  env_.set("AWS_ENDPOINT_URL_EC2", "not a url");
  EXPECT_THAT(expect_usage_error().message, HasSubstr("AWS_ENDPOINT_URL_EC2"));
}

TEST_F(SessionTest, CredentialsAreReadOnlyWhenFirstAskedFor) {
  auto marker = dir_.path() / "process-ran";
  auto script = dir_.write("creds.sh",
                           "#!/bin/sh\ntouch '" + marker.string() +
                               "'\necho '{\"Version\": 1, \"AccessKeyId\": \"LAZY\", "
                               "\"SecretAccessKey\": \"s\"}'\n",
                           std::filesystem::perms(0755));
  dir_.write("config",
             "[default]\nregion = us-east-1\ncredential_process = " + script.string() + "\n");
  auto session = make();
  ASSERT_TRUE(session.has_value()) << session.error().message;
  EXPECT_FALSE(std::filesystem::exists(marker));
  auto credentials = (*session)->credentials().credentials();
  ASSERT_TRUE(credentials.has_value()) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id, "LAZY");
  EXPECT_TRUE(std::filesystem::exists(marker));
}

TEST_F(SessionTest, NoCredentialsSurfacesOnlyWhenAsked) {
  env_.set("AWS_REGION", "us-east-1");
  auto session = make();
  ASSERT_TRUE(session.has_value()) << session.error().message;
  auto credentials = (*session)->credentials().credentials();
  ASSERT_FALSE(credentials.has_value());
  EXPECT_EQ(credentials.error().kind, ErrorKind::auth);
  EXPECT_THAT(credentials.error().hint, HasSubstr("--local"));
}

}  // namespace
}  // namespace spawn::aws
