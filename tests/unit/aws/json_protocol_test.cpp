#include "aws/json_protocol.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "protocol_test_client.hpp"
#include "service_test_client.hpp"

namespace spawn::aws {
namespace {

void expect_same_operation(const HttpRequest& request, const HttpRequest& captured) {
  EXPECT_EQ(request.method, captured.method);
  EXPECT_EQ(request.url.target(), captured.url.target());
  for (std::string_view name : {"Content-Type", "X-Amz-Target"}) {
    EXPECT_EQ(request.header(name), testing::captured_header(captured, name)) << name;
  }
  EXPECT_EQ(nlohmann::json::parse(request.body), nlohmann::json::parse(captured.body));
}

TEST(BuildJsonRequest, MatchesTheSsmRequestTheCliSent) {
  SPAWN_REQUIRE_TESTDATA(path, "awscli-requests/awscli-2.9.19-debian/11-ssm-GetParameter.http");
  nlohmann::json body{{"Name", "/demo/param"}, {"WithDecryption", true}};
  expect_same_operation(build_json_request(services::ssm, "GetParameter", body),
                        testing::read_captured_request(path));
}

TEST(BuildJsonRequest, MatchesTheDynamoDbRequestTheCliSent) {
  SPAWN_REQUIRE_TESTDATA(path, "awscli-requests/awscli-2.9.19-debian/15-dynamodb-GetItem.http");
  nlohmann::json body{
      {"TableName", "demo-table"}, {"Key", {{"pk", {{"S", "k1"}}}}}, {"ConsistentRead", true}};
  expect_same_operation(build_json_request(services::dynamodb, "GetItem", body),
                        testing::read_captured_request(path));
}

TEST(BuildJsonRequest, SendsAnEmptyObjectForNoInput) {
  HttpRequest request = build_json_request(services::ssm, "DescribeParameters", nullptr);
  EXPECT_EQ(request.body, "{}");
  EXPECT_EQ(request.header("X-Amz-Target"), "AmazonSSM.DescribeParameters");
  EXPECT_EQ(request.header("Content-Type"), "application/x-amz-json-1.1");
}

TEST(DumpJson, ReplacesInvalidUtf8InsteadOfThrowing) {
  nlohmann::json body{{"Value", std::string("ok\xFF")}};
  EXPECT_EQ(dump_json(body), "{\"Value\":\"ok\xEF\xBF\xBD\"}");
}

TEST(ParseJsonBody, EmptyBodyIsAnEmptyObject) {
  auto parsed = parse_json_body(services::ssm, "DeleteParameter", " \r\n");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, nlohmann::json::object());
}

TEST(ParseJsonBody, BadJsonIsAParseErrorNamingTheOperation) {
  for (std::string_view body : {"{\"Parameter\":", "<html></html>", "{} trailing"}) {
    auto parsed = parse_json_body(services::ssm, "GetParameter", body);
    ASSERT_FALSE(parsed) << body;
    EXPECT_EQ(parsed.error().kind, ErrorKind::parse);
    EXPECT_NE(parsed.error().message.find("GetParameter"), std::string::npos);
  }
}

TEST(EpochSeconds, ReadsNumbersAndNumericStrings) {
  nlohmann::json object = nlohmann::json::parse(
      R"({"LastModifiedDate": 1582657288.8, "Whole": 1582657288, "Text": "1582657288",
          "Iso": "2020-02-25T19:01:28Z", "Null": null})");
  using std::chrono::milliseconds;
  EXPECT_EQ(epoch_seconds_field(object, "LastModifiedDate"),
            SystemTime(milliseconds(1'582'657'288'800)));
  EXPECT_EQ(epoch_seconds_field(object, "Whole"), SystemTime(std::chrono::seconds(1'582'657'288)));
  EXPECT_EQ(epoch_seconds_field(object, "Text"), SystemTime(std::chrono::seconds(1'582'657'288)));
  EXPECT_EQ(epoch_seconds_field(object, "Iso"), std::nullopt);
  EXPECT_EQ(epoch_seconds_field(object, "Null"), std::nullopt);
  EXPECT_EQ(epoch_seconds_field(object, "Missing"), std::nullopt);
  EXPECT_EQ(epoch_seconds_field(nlohmann::json::array(), "Whole"), std::nullopt);
}

TEST(EpochSeconds, WritesWholeSecondsAsIntegers) {
  EXPECT_EQ(epoch_seconds_json(SystemTime(std::chrono::seconds(1'700'000'000))).dump(),
            "1700000000");
  EXPECT_EQ(epoch_seconds_json(SystemTime(std::chrono::milliseconds(1'700'000'000'500))).dump(),
            "1700000000.5");
}

TEST(CallJson, SendsTheTargetAndParsesTheAnswer) {
  testing::ProtocolTestClient fake;
  fake.transport.reply(200, R"({"Parameter": {"Name": "/a", "Value": "v", "Version": 3}})");
  auto answer = call_json(fake.client, services::ssm, "GetParameter", {{"Name", "/a"}});
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ((*answer)["Parameter"]["Value"], "v");
  const HttpRequest& sent = fake.only_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url.path, "/");
  EXPECT_EQ(sent.header("X-Amz-Target"), "AmazonSSM.GetParameter");
  EXPECT_EQ(nlohmann::json::parse(sent.body), (nlohmann::json{{"Name", "/a"}}));
}

TEST(CallJson, TurnsAJsonErrorIntoAnErrorWithTheAwsCode) {
  testing::ProtocolTestClient fake;
  fake.transport.reply(400, R"({"__type":"ParameterNotFound","message":"no /a"})",
                       {{"x-amzn-RequestId", "r-3"}});
  auto answer = call_json(fake.client, services::ssm, "GetParameter", {{"Name", "/a"}});
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().kind, ErrorKind::not_found);
  ASSERT_TRUE(answer.error().aws);
  EXPECT_EQ(answer.error().aws->code, "ParameterNotFound");
  EXPECT_EQ(answer.error().aws->message, "no /a");
  EXPECT_EQ(answer.error().aws->request_id, "r-3");
}

}  // namespace
}  // namespace spawn::aws
