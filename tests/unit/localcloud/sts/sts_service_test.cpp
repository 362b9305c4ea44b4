#include <gtest/gtest.h>

#include "sts_test_support.hpp"
#include "testdata.hpp"
#include "util/time_format.hpp"

namespace spawn::localcloud::testing {
namespace {

TEST_F(StsServiceTest, TheCliLearnsItIsTheAccountRoot) {
  SPAWN_REQUIRE_TESTDATA(path,
                         "awscli-requests/awscli-2.9.19-debian/22-sts-GetCallerIdentity.http");
  aws::HttpRequest request = read_captured_request(path);
  harness.clock().advance(
      std::chrono::duration_cast<Duration>(signing_time_of(request) - harness.clock().now()));
  XmlAnswer identity = parse_xml(harness.serve(request));
  ASSERT_EQ(identity.status, 200) << identity.text("Error/Message");
  EXPECT_EQ(identity.root_name(), "GetCallerIdentityResponse");
  EXPECT_EQ(identity.at("GetCallerIdentityResult").parent().attribute("xmlns").value(),
            std::string("https://sts.amazonaws.com/doc/2011-06-15/"));
  EXPECT_EQ(identity.text("GetCallerIdentityResult/Account"), "123456789012");
  EXPECT_EQ(identity.text("GetCallerIdentityResult/Arn"), "arn:aws:iam::123456789012:root");
  EXPECT_EQ(identity.text("GetCallerIdentityResult/UserId"), "123456789012");
  EXPECT_FALSE(identity.text("ResponseMetadata/RequestId").empty());
}

TEST_F(StsServiceTest, AssumeRoleIssuesCredentialsForTheRole) {
  std::string role_id = create_role();
  XmlAnswer assumed =
      assume_role({{"RoleArn", std::string(kRoleArn)}, {"RoleSessionName", "demo"}});
  ASSERT_EQ(assumed.status, 200) << assumed.text("Error/Message");
  std::string key_id = assumed.text("AssumeRoleResult/Credentials/AccessKeyId");
  EXPECT_TRUE(key_id.starts_with("ASIA")) << key_id;
  EXPECT_FALSE(assumed.text("AssumeRoleResult/Credentials/SecretAccessKey").empty());
  EXPECT_FALSE(assumed.text("AssumeRoleResult/Credentials/SessionToken").empty());
  EXPECT_EQ(assumed.text("AssumeRoleResult/Credentials/Expiration"),
            format_iso8601(kStartTime + std::chrono::hours(1)));
  EXPECT_EQ(assumed.text("AssumeRoleResult/AssumedRoleUser/Arn"),
            "arn:aws:sts::123456789012:assumed-role/demo-role/demo");
  EXPECT_EQ(assumed.text("AssumeRoleResult/AssumedRoleUser/AssumedRoleId"), role_id + ":demo");

  auto issued = harness.credentials().find(key_id);
  ASSERT_TRUE(issued.has_value());
  EXPECT_EQ(issued->principal_arn, "arn:aws:sts::123456789012:assumed-role/demo-role/demo");
  EXPECT_EQ(issued->session_token, assumed.text("AssumeRoleResult/Credentials/SessionToken"));
}

TEST_F(StsServiceTest, TemporaryKeysIdentifyAsTheAssumedRole) {
  std::string role_id = create_role();
  XmlAnswer assumed =
      assume_role({{"RoleArn", std::string(kRoleArn)}, {"RoleSessionName", "demo"}});
  ApiRequest request = harness.query_request("Action=GetCallerIdentity");
  request.access_key_id = assumed.text("AssumeRoleResult/Credentials/AccessKeyId");
  XmlAnswer identity = parse_xml(harness.answer(request));
  EXPECT_EQ(identity.text("GetCallerIdentityResult/Arn"),
            "arn:aws:sts::123456789012:assumed-role/demo-role/demo");
  EXPECT_EQ(identity.text("GetCallerIdentityResult/UserId"), role_id + ":demo");
}

TEST_F(StsServiceTest, DurationSecondsSetsTheExpiry) {
  create_role(7200);
  XmlAnswer assumed = assume_role({{"RoleArn", std::string(kRoleArn)},
                                   {"RoleSessionName", "demo"},
                                   {"DurationSeconds", "7200"}});
  ASSERT_EQ(assumed.status, 200) << assumed.text("Error/Message");
  EXPECT_EQ(assumed.text("AssumeRoleResult/Credentials/Expiration"),
            format_iso8601(kStartTime + std::chrono::hours(2)));
}

TEST_F(StsServiceTest, ARoleThatDoesNotExistIsAccessDenied) {
  XmlAnswer denied = assume_role({{"RoleArn", std::string(kRoleArn)}, {"RoleSessionName", "demo"}});
  expect_query_error(denied, 403, "AccessDenied");
  EXPECT_EQ(denied.text("Error/Message"),
            "User: arn:aws:iam::123456789012:root is not authorized to perform: sts:AssumeRole "
            "on resource: arn:aws:iam::123456789012:role/demo-role");
  create_role();
  expect_query_error(assume_role({{"RoleArn", "arn:aws:iam::123456789012:role/other/demo-role"},
                                  {"RoleSessionName", "demo"}}),
                     403, "AccessDenied");
}

TEST_F(StsServiceTest, BadInputIsValidationError) {
  create_role();
  XmlAnswer unnamed = assume_role({{"RoleArn", std::string(kRoleArn)}});
  expect_query_error(unnamed, 400, "ValidationError");
  EXPECT_EQ(unnamed.text("Error/Message"),
            "1 validation error detected: Value null at 'roleSessionName' failed to satisfy "
            "constraint: Member must not be null");
  XmlAnswer too_short = assume_role(
      {{"RoleArn", std::string(kRoleArn)}, {"RoleSessionName", "demo"}, {"DurationSeconds", "60"}});
  expect_query_error(too_short, 400, "ValidationError");
  EXPECT_EQ(too_short.text("Error/Message"),
            "1 validation error detected: Value '60' at 'durationSeconds' failed to satisfy "
            "constraint: Member must have value greater than or equal to 900");
  expect_query_error(assume_role({{"RoleArn", std::string(kRoleArn)}, {"RoleSessionName", "a b"}}),
                     400, "ValidationError");
}

TEST_F(StsServiceTest, ASessionLongerThanTheRoleAllowsIsRefused) {
  create_role(3600);
  XmlAnswer refused = assume_role({{"RoleArn", std::string(kRoleArn)},
                                   {"RoleSessionName", "demo"},
                                   {"DurationSeconds", "7200"}});
  expect_query_error(refused, 400, "ValidationError");
  EXPECT_EQ(refused.text("Error/Message"),
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
}

TEST_F(StsServiceTest, RoleChainingIsLimitedToAnHour) {
  create_role(43200);
  XmlAnswer first = assume_role({{"RoleArn", std::string(kRoleArn)}, {"RoleSessionName", "one"}});
  ApiRequest chained =
      harness.query_request(form_body("AssumeRole", {{"RoleArn", std::string(kRoleArn)},
                                                     {"RoleSessionName", "two"},
                                                     {"DurationSeconds", "7200"}}));
  chained.access_key_id = first.text("AssumeRoleResult/Credentials/AccessKeyId");
  expect_query_error(parse_xml(harness.answer(chained)), 400, "ValidationError");
}

TEST_F(StsServiceTest, AnUnknownActionIsInvalidAction) {
  expect_query_error(harness.call("GetSessionToken"), 400, "InvalidAction");
}

}  // namespace
}  // namespace spawn::localcloud::testing
