#include "aws/imds.hpp"

#include <gtest/gtest.h>

#include "fake_transport.hpp"
#include "testdata.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {
namespace {

using namespace std::chrono_literals;
using spawn::testing::FakeTransport;

constexpr std::string_view kToken = "AQAEAFake-token==";

SystemTime at(std::string_view iso) {
  return *parse_iso8601(iso);
}

MapEnvironment env_with(const std::string& name, const std::string& value) {
  MapEnvironment env;
  env.set(name, value);
  return env;
}

class ImdsTest : public ::testing::Test {
 protected:
  ImdsConfig config() {
    auto env = env_with("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.2:1338");
    return *imds_config_from_env(env);
  }
  // Answers the token PUT, then `status` and `body` for the GET.
  void reply_with_token(int status, std::string body) {
    transport.reply(200, std::string(kToken), {{"X-aws-ec2-metadata-token-ttl-seconds", "21600"}});
    transport.reply(status, std::move(body));
  }
  const HttpRequest& request(size_t index) { return transport.requests.at(index); }

  FakeTransport transport;
  FakeClock clock{at("2026-01-01T00:00:00Z")};
  ImdsClient imds{transport, clock, config()};
};

TEST_F(ImdsTest, GetsATokenThenSendsItWithTheRequest) {
  reply_with_token(200, "i-1234567890abcdef0");

  ASSERT_EQ(imds.instance_id().value(), "i-1234567890abcdef0");

  ASSERT_EQ(transport.requests.size(), 2u);
  EXPECT_EQ(request(0).method, "PUT");
  EXPECT_EQ(request(0).url.to_string(), "http://127.0.0.2:1338/latest/api/token");
  EXPECT_EQ(request(0).header("X-aws-ec2-metadata-token-ttl-seconds"), "21600");
  EXPECT_EQ(request(1).method, "GET");
  EXPECT_EQ(request(1).url.to_string(), "http://127.0.0.2:1338/latest/meta-data/instance-id");
  EXPECT_EQ(request(1).header("X-aws-ec2-metadata-token"), kToken);
}

TEST_F(ImdsTest, ReusesTheTokenUntilShortlyBeforeItsTtlEnds) {
  reply_with_token(200, "us-east-1");
  transport.reply(200, "us-east-1");
  ASSERT_TRUE(imds.region());
  clock.advance(5h);
  ASSERT_TRUE(imds.region());
  EXPECT_EQ(transport.requests.size(), 3u) << "one PUT for two GETs";

  clock.advance(1h);
  reply_with_token(200, "us-east-1");
  ASSERT_TRUE(imds.region());
  EXPECT_EQ(transport.requests.size(), 5u);
  EXPECT_EQ(request(3).method, "PUT") << "a token about to expire is replaced";
}

TEST_F(ImdsTest, HonoursAShorterTtlEchoedByTheServer) {
  transport.reply(200, "short", {{"X-aws-ec2-metadata-token-ttl-seconds", "120"}});
  transport.reply(200, "us-east-1");
  ASSERT_TRUE(imds.region());
  clock.advance(90s);
  reply_with_token(200, "us-east-1");
  ASSERT_TRUE(imds.region());
  EXPECT_EQ(request(2).method, "PUT");
}

TEST_F(ImdsTest, AStaleTokenIsRenewedOnceAndTheRequestRepeated) {
  reply_with_token(401, "");
  transport.reply(200, "fresh-token");
  transport.reply(200, "m5.large");

  ASSERT_EQ(imds.get("instance-type").value(), "m5.large");
  ASSERT_EQ(transport.requests.size(), 4u);
  EXPECT_EQ(request(2).method, "PUT");
  EXPECT_EQ(request(3).header("X-aws-ec2-metadata-token"), "fresh-token");
}

TEST_F(ImdsTest, ARejectedFreshTokenIsAnAuthErrorNotALoop) {
  reply_with_token(401, "");
  reply_with_token(401, "");

  auto answer = imds.get("instance-type");
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().kind, ErrorKind::auth);
  EXPECT_EQ(transport.requests.size(), 4u);
}

TEST_F(ImdsTest, AbsentItemIsNotFound) {
  reply_with_token(404, "<html>404 - Not Found</html>");
  auto answer = imds.get("public-ipv4");
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().kind, ErrorKind::not_found);
  EXPECT_NE(answer.error().message.find("public-ipv4"), std::string::npos);
}

TEST_F(ImdsTest, RetriesANetworkFailureAfterAShortPause) {
  transport.fail_with(ErrorKind::network, "connection refused");
  reply_with_token(200, "i-1");
  ASSERT_EQ(imds.instance_id().value(), "i-1");
  EXPECT_EQ(clock.slept, ImdsClient::kRetryDelay);
}

TEST_F(ImdsTest, GivesUpAfterMaxAttemptsNamingTheEndpoint) {
  for (int attempt = 0; attempt < kImdsMaxAttempts; ++attempt) {
    transport.fail_with(ErrorKind::timeout, "timed out");
  }
  auto answer = imds.instance_id();
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().kind, ErrorKind::timeout);
  EXPECT_NE(answer.error().message.find("http://127.0.0.2:1338"), std::string::npos);
  EXPECT_EQ(transport.requests.size(), static_cast<size_t>(kImdsMaxAttempts));
}

TEST_F(ImdsTest, RetriesThrottlingAndServerErrors) {
  transport.reply(503, "busy");
  transport.reply(200, std::string(kToken));
  transport.reply(429, "slow down");
  transport.reply(200, "i-1");
  ASSERT_EQ(imds.instance_id().value(), "i-1");
  EXPECT_EQ(transport.requests.size(), 4u);
}

TEST_F(ImdsTest, DoesNotRetryClientErrors) {
  reply_with_token(400, "bad request");
  auto answer = imds.instance_id();
  ASSERT_FALSE(answer);
  EXPECT_NE(answer.error().message.find("HTTP 400"), std::string::npos);
  EXPECT_EQ(transport.requests.size(), 2u);
}

TEST(ImdsConfig, DisabledByEnvironmentFailsEveryCallWithoutNetwork) {
  auto env = env_with("AWS_EC2_METADATA_DISABLED", "TRUE");
  FakeTransport transport;
  FakeClock clock{SystemTime{}};
  ImdsClient imds(transport, clock, *imds_config_from_env(env));

  auto answer = imds.region();
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().kind, ErrorKind::not_found);
  EXPECT_NE(answer.error().message.find("AWS_EC2_METADATA_DISABLED"), std::string::npos);
  EXPECT_TRUE(imds.disabled());
  EXPECT_TRUE(transport.requests.empty());
}

TEST(ImdsConfig, DefaultsToTheLinkLocalAddressWithShortTimeouts) {
  auto config = imds_config_from_env(MapEnvironment{});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->endpoint.to_string(), "http://169.254.169.254/");
  EXPECT_FALSE(config->disabled);
  EXPECT_EQ(config->timeouts.connect, 1s);
  EXPECT_EQ(config->timeouts.read, 1s);
  EXPECT_EQ(config->max_attempts, kImdsMaxAttempts);
}

TEST(ImdsConfig, ReadsEndpointModeTimeoutAndAttempts) {
  MapEnvironment env({{"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6"},
                      {"AWS_METADATA_SERVICE_TIMEOUT", "3"},
                      {"AWS_METADATA_SERVICE_NUM_ATTEMPTS", "4"}});
  auto config = imds_config_from_env(env);
  ASSERT_TRUE(config);
  EXPECT_EQ(config->endpoint.host, "fd00:ec2::254");
  EXPECT_EQ(config->timeouts.read, 3s);
  EXPECT_EQ(config->max_attempts, 4);
}

TEST(ImdsConfig, MalformedSettingsAreUsageErrors) {
  for (const auto& [name, value] :
       std::map<std::string, std::string>{{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "ftp://x"},
                                          {"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv5"},
                                          {"AWS_METADATA_SERVICE_TIMEOUT", "soon"},
                                          {"AWS_METADATA_SERVICE_NUM_ATTEMPTS", "0"}}) {
    auto config = imds_config_from_env(env_with(name, value));
    ASSERT_FALSE(config) << name;
    EXPECT_EQ(config.error().kind, ErrorKind::usage) << name;
    EXPECT_NE(config.error().message.find(name), std::string::npos) << config.error().message;
  }
}

TEST_F(ImdsTest, InstanceTagsListsKeysThenReadsEachValue) {
  reply_with_token(200, "Name\nspawn:ttl\n");
  transport.reply(200, "my box");
  transport.reply(200, "4h");

  auto tags = imds.instance_tags();
  ASSERT_TRUE(tags) << tags.error().message;
  EXPECT_EQ(*tags, (std::map<std::string, std::string>{{"Name", "my box"}, {"spawn:ttl", "4h"}}));
  EXPECT_EQ(request(1).url.path, "/latest/meta-data/tags/instance");
  EXPECT_EQ(request(3).url.path, "/latest/meta-data/tags/instance/spawn:ttl");
}

TEST_F(ImdsTest, InstanceTagsExplainsWhenMetadataTagsAreOff) {
  reply_with_token(404, "");
  auto tags = imds.instance_tags();
  ASSERT_FALSE(tags);
  EXPECT_EQ(tags.error().kind, ErrorKind::not_found);
  EXPECT_NE(tags.error().message.find("InstanceMetadataTags"), std::string::npos);
}

TEST_F(ImdsTest, NoSpotNoticeIsNullopt) {
  reply_with_token(404, "");
  auto notice = imds.spot_instance_action();
  ASSERT_TRUE(notice);
  EXPECT_FALSE(notice->has_value());
}

TEST_F(ImdsTest, SpotNoticeIsParsed) {
  SPAWN_REQUIRE_TESTDATA(path,
                         "aws-examples/carbon-amazon-fixtures/imds-spot-instance-action.stop.json");
  reply_with_token(200, spawn::testing::read_testdata_file(path));
  auto notice = imds.spot_instance_action();
  ASSERT_TRUE(notice && notice->has_value());
  EXPECT_EQ((*notice)->action, "stop");
  EXPECT_EQ((*notice)->time, at("2017-09-18T08:22:00Z"));
}

TEST_F(ImdsTest, MalformedSpotNoticeIsAParseError) {
  reply_with_token(200, R"({"action": "terminate"})");
  auto notice = imds.spot_instance_action();
  ASSERT_FALSE(notice);
  EXPECT_EQ(notice.error().kind, ErrorKind::parse);
}

TEST_F(ImdsTest, IdentityDocumentIsParsed) {
  SPAWN_REQUIRE_TESTDATA(
      path, "aws-examples/carbon-amazon-fixtures/imds-instance-identity-document.json");
  reply_with_token(200, spawn::testing::read_testdata_file(path));

  auto identity = imds.identity_document();
  ASSERT_TRUE(identity) << identity.error().message;
  EXPECT_EQ(request(1).url.path, "/latest/dynamic/instance-identity/document");
  EXPECT_EQ(identity->account_id, "123456789012");
  EXPECT_EQ(identity->region, "us-west-2");
  EXPECT_EQ(identity->instance_id, "i-1234567890abcdef0");
  EXPECT_EQ(identity->instance_type, "t2.micro");
  EXPECT_EQ(identity->availability_zone, "us-west-2b");
  EXPECT_EQ(identity->private_ip, "10.158.112.84");
  EXPECT_EQ(identity->image_id, "ami-5fb8c835");
  EXPECT_EQ(identity->architecture, "x86_64");
  EXPECT_EQ(identity->pending_time, at("2016-11-19T16:32:11Z"));
}

TEST_F(ImdsTest, IdentityDocumentWithoutIdsIsAParseError) {
  transport.reply(200, std::string(kToken));
  for (const char* body : {R"({"region": "us-east-1"})", "[]", "not json", "", R"({"a":)"}) {
    transport.reply(200, body);
    auto identity = imds.identity_document();
    ASSERT_FALSE(identity) << body;
    EXPECT_EQ(identity.error().kind, ErrorKind::parse) << body;
  }
}

TEST_F(ImdsTest, RoleCredentialsComeFromTheFirstListedRole) {
  SPAWN_REQUIRE_TESTDATA(path,
                         "aws-examples/carbon-amazon-fixtures/imds-iam-security-credentials.json");
  reply_with_token(200, "spawn-role\nother-role\n");
  transport.reply(200, spawn::testing::read_testdata_file(path));

  auto credentials = imds.role_credentials();
  ASSERT_TRUE(credentials) << credentials.error().message;
  EXPECT_EQ(request(2).url.path, "/latest/meta-data/iam/security-credentials/spawn-role");
  EXPECT_EQ(credentials->access_key_id, "ASIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(credentials->secret_access_key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  EXPECT_EQ(credentials->session_token, "token");
  EXPECT_EQ(credentials->expiration, at("2017-05-17T15:09:54Z"));
  EXPECT_NE(credentials->source.find("spawn-role"), std::string::npos);
}

TEST_F(ImdsTest, NoRoleAttachedIsNotFound) {
  reply_with_token(404, "");
  auto credentials = imds.role_credentials();
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().kind, ErrorKind::not_found);
  EXPECT_NE(credentials.error().message.find("no IAM role"), std::string::npos);
}

TEST_F(ImdsTest, UnsuccessfulRoleCodeIsAnAuthError) {
  reply_with_token(200, "spawn-role");
  transport.reply(200, R"({"Code": "AssumeRoleUnauthorizedAccess", "Message": "denied"})");
  auto credentials = imds.role_credentials();
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().kind, ErrorKind::auth);
  EXPECT_NE(credentials.error().message.find("AssumeRoleUnauthorizedAccess"), std::string::npos);
}

}  // namespace
}  // namespace spawn::aws
