#include "aws/assume_role.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "fake_transport.hpp"
#include "util/encoding.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {
namespace {

using namespace std::chrono_literals;
using spawn::testing::FakeTransport;

constexpr std::string_view kRoleArn = "arn:aws:iam::123456789012:role/spawn-admin";

SystemTime at(std::string_view iso) {
  return *parse_iso8601(iso);
}

std::string assume_role_xml(std::string_view key_id, std::string_view expiration) {
  return fmt::format(R"(<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>{}</AccessKeyId>
      <SecretAccessKey>assumed-secret</SecretAccessKey>
      <SessionToken>assumed-token</SessionToken>
      <Expiration>{}</Expiration>
    </Credentials>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/spawn-admin/s</Arn>
      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:s</AssumedRoleId>
    </AssumedRoleUser>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleResponse>)",
                     key_id, expiration);
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

class AssumeRoleTest : public ::testing::Test {
 protected:
  std::unique_ptr<CredentialsProvider> provider(AssumeRoleSettings settings) {
    auto source = std::make_unique<StaticCredentialsProvider>(
        Credentials{"AKIDSOURCE", "source-secret", "source-token", std::nullopt, "profile base"});
    return std::make_unique<AssumeRoleProvider>(
        std::move(source), std::move(settings),
        AssumeRoleDeps{
            .transport = transport,
            .clock = clock,
            .endpoints = EndpointResolver(EndpointOverrides{
                .global = std::nullopt, .per_service = {{"STS", "https://sts.test.example"}}}),
            .region = "eu-west-1",
            .retry = RetryConfig{.max_attempts = 1},
            .observer = nullptr});
  }

  FakeTransport transport;
  FakeClock clock{at("2026-01-01T00:00:00Z")};
};

TEST_F(AssumeRoleTest, CallsStsSignedWithTheSourceCredentials) {
  transport.reply(200, assume_role_xml("ASIAASSUMED", "2026-01-01T01:00:00Z"));
  auto credentials = provider({.role_arn = std::string(kRoleArn),
                               .role_session_name = "nightly",
                               .external_id = "ext-42",
                               .duration_seconds = 900})
                         ->credentials();
  ASSERT_TRUE(credentials) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id, "ASIAASSUMED");
  EXPECT_EQ(credentials->secret_access_key, "assumed-secret");
  EXPECT_EQ(credentials->session_token, "assumed-token");
  EXPECT_EQ(credentials->expiration, at("2026-01-01T01:00:00Z"));

  ASSERT_EQ(transport.requests.size(), 1u);
  const auto& request = transport.requests[0];
  EXPECT_EQ(request.url.host, "sts.test.example");
  EXPECT_TRUE(contains(request.body, "Action=AssumeRole"));
  EXPECT_TRUE(contains(request.body, "RoleArn=" + form_encode(kRoleArn)));
  EXPECT_TRUE(contains(request.body, "RoleSessionName=nightly"));
  EXPECT_TRUE(contains(request.body, "ExternalId=ext-42"));
  EXPECT_TRUE(contains(request.body, "DurationSeconds=900"));
  auto authorization = request.header("Authorization").value_or("");
  EXPECT_TRUE(contains(authorization, "Credential=AKIDSOURCE/20260101/eu-west-1/sts/aws4_request"))
      << authorization;
  EXPECT_EQ(request.header("X-Amz-Security-Token"), "source-token");
}

TEST_F(AssumeRoleTest, DefaultSessionNameCarriesTheUnixTime) {
  transport.reply(200, assume_role_xml("ASIAASSUMED", "2026-01-01T01:00:00Z"));
  ASSERT_TRUE(provider({.role_arn = std::string(kRoleArn)})->credentials());
  const auto& body = transport.requests.at(0).body;
  EXPECT_TRUE(contains(body, "RoleSessionName=spawn-1767225600")) << body;
  EXPECT_FALSE(contains(body, "ExternalId"));
  EXPECT_FALSE(contains(body, "DurationSeconds"));
}

TEST_F(AssumeRoleTest, CachesUntilFiveMinutesBeforeExpiry) {
  transport.reply(200, assume_role_xml("ASIAFIRST", "2026-01-01T01:00:00Z"));
  auto assumed = provider({.role_arn = std::string(kRoleArn)});
  ASSERT_EQ(assumed->credentials().value().access_key_id, "ASIAFIRST");

  clock.advance(54min);
  ASSERT_EQ(assumed->credentials().value().access_key_id, "ASIAFIRST");
  EXPECT_EQ(transport.requests.size(), 1u);

  clock.advance(2min);
  transport.reply(200, assume_role_xml("ASIASECOND", "2026-01-01T02:00:00Z"));
  EXPECT_EQ(assumed->credentials().value().access_key_id, "ASIASECOND");
  EXPECT_EQ(transport.requests.size(), 2u);
}

TEST_F(AssumeRoleTest, RefusalNamesTheRoleAndKeepsTheAwsError) {
  transport.reply(403, R"(<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>AccessDenied</Code>
  <Message>User is not authorized to perform: sts:AssumeRole</Message></Error>
  <RequestId>4ff4d1f2-0000-0000-0000-000000000000</RequestId></ErrorResponse>)");
  auto credentials = provider({.role_arn = std::string(kRoleArn)})->credentials();
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().kind, ErrorKind::auth);
  EXPECT_TRUE(contains(credentials.error().message, kRoleArn)) << credentials.error().message;
  ASSERT_TRUE(credentials.error().aws);
  EXPECT_EQ(credentials.error().aws->code, "AccessDenied");
}

}  // namespace
}  // namespace spawn::aws
