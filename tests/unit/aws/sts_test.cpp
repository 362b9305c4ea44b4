#include "aws/sts.hpp"

#include <gtest/gtest.h>

#include "service_test_client.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {
namespace {

using testing::form_params;
using testing::FormParams;
using testing::ProtocolTestClient;

constexpr std::string_view kAssumeRoleAnswer = R"(
<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:spawn-session</AssumedRoleId>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/spawn-session</Arn>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAJEXAMPLEXEG2JICEA</AccessKeyId>
      <SecretAccessKey>9drTJvcXLB89EXAMPLELB8923FB892xMFI</SecretAccessKey>
      <SessionToken>AQoXdzELDDY//////////wEaoAK1wvxJY12r2IrDFT2IvAzTCn3zHoZ7YNtpiQLF0MqZye/qwjzP2iEXAMPLE</SessionToken>
      <Expiration>2011-07-15T23:28:33.359Z</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleResponse>)";

TEST(StsClientTest, GetCallerIdentitySendsTheRequestTheAwsCliSends) {
  SPAWN_REQUIRE_TESTDATA(path,
                         std::string(testing::kCapturedRequests) + "22-sts-GetCallerIdentity.http");
  HttpRequest captured = testing::read_captured_request(path);
  ProtocolTestClient test(testing::endpoint_of(captured), "us-east-1", testing::time_of(captured));
  test.transport.reply(200, "<GetCallerIdentityResponse/>");

  (void)StsClient(test.client).get_caller_identity();

  testing::expect_same_request(test.only_request(), captured);
}

TEST(StsClientTest, GetCallerIdentityReadsTheAwsDocumentationExample) {
  SPAWN_REQUIRE_TESTDATA(path,
                         "aws-examples/carbon-amazon-fixtures/"
                         "sts-get-caller-identity.awsdocs-example.xml");
  ProtocolTestClient test;
  test.transport.reply(200, testing::read_testdata_file(path));

  auto identity = StsClient(test.client).get_caller_identity();

  ASSERT_TRUE(identity.has_value()) << identity.error().message;
  EXPECT_EQ(identity->account, "123456789012");
  EXPECT_EQ(identity->arn, "arn:aws:iam::123456789012:user/Alice");
  EXPECT_EQ(identity->user_id, "AKIAI44QH8DHBEXAMPLE");
}

TEST(StsClientTest, AccessDeniedIsAnAuthErrorWithTheAwsCode) {
  SPAWN_REQUIRE_TESTDATA(path,
                         "aws-examples/botocore-response-parsing/xml/errors/"
                         "sts-get-session-token.xml");
  ProtocolTestClient test;
  test.transport.reply(403, testing::read_testdata_file(path));

  auto identity = StsClient(test.client).get_caller_identity();

  ASSERT_FALSE(identity.has_value());
  EXPECT_EQ(identity.error().kind, ErrorKind::auth);
  ASSERT_TRUE(identity.error().aws.has_value());
  EXPECT_EQ(identity.error().aws->code, "AccessDenied");
  EXPECT_EQ(identity.error().aws->request_id, "8088f6eb-b7fb-11e2-8d25-4b9f3b52b80f");
}

TEST(StsClientTest, AssumeRoleSendsEveryGivenParameter) {
  ProtocolTestClient test;
  test.transport.reply(200, std::string(kAssumeRoleAnswer));

  (void)StsClient(test.client)
      .assume_role({"arn:aws:iam::123456789012:role/demo", "spawn-session", "ext-42", 900});

  EXPECT_EQ(form_params(test.only_request().body),
            (FormParams{{"Action", "AssumeRole"},
                        {"Version", "2011-06-15"},
                        {"RoleArn", "arn:aws:iam::123456789012:role/demo"},
                        {"RoleSessionName", "spawn-session"},
                        {"ExternalId", "ext-42"},
                        {"DurationSeconds", "900"}}));
}

TEST(StsClientTest, AssumeRoleLeavesOutUnsetOptionalParameters) {
  ProtocolTestClient test;
  test.transport.reply(200, std::string(kAssumeRoleAnswer));

  (void)StsClient(test.client).assume_role({"arn:aws:iam::1:role/r", "s", "", std::nullopt});

  FormParams params = form_params(test.only_request().body);
  ASSERT_EQ(params.size(), 4u);
  EXPECT_EQ(params[2], (std::pair<std::string, std::string>{"RoleArn", "arn:aws:iam::1:role/r"}));
  EXPECT_EQ(params[3], (std::pair<std::string, std::string>{"RoleSessionName", "s"}));
}

TEST(StsClientTest, AssumeRoleReturnsTemporaryCredentialsWithTheirExpiry) {
  ProtocolTestClient test;
  test.transport.reply(200, std::string(kAssumeRoleAnswer));

  auto credentials =
      StsClient(test.client)
          .assume_role({"arn:aws:iam::123456789012:role/demo", "spawn-session", "", {}});

  ASSERT_TRUE(credentials.has_value()) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id, "ASIAJEXAMPLEXEG2JICEA");
  EXPECT_EQ(credentials->secret_access_key, "9drTJvcXLB89EXAMPLELB8923FB892xMFI");
  EXPECT_TRUE(credentials->session_token.starts_with("AQoXdzELDDY//"));
  ASSERT_TRUE(credentials->expiration.has_value());
  EXPECT_EQ(format_iso8601(*credentials->expiration), "2011-07-15T23:28:33Z");
  EXPECT_EQ(credentials->source, "assumed role arn:aws:iam::123456789012:role/demo");
}

TEST(StsClientTest, AssumeRoleAnswerWithoutExpirationIsAParseError) {
  ProtocolTestClient test;
  std::string answer(kAssumeRoleAnswer);
  std::size_t start = answer.find("<Expiration>");
  std::size_t end = answer.find("</Expiration>") + std::string_view("</Expiration>").size();
  test.transport.reply(200, answer.erase(start, end - start));

  auto credentials = StsClient(test.client).assume_role({"arn:aws:iam::1:role/r", "s", "", {}});

  ASSERT_FALSE(credentials.has_value());
  EXPECT_EQ(credentials.error().kind, ErrorKind::parse);
}

}  // namespace
}  // namespace spawn::aws
