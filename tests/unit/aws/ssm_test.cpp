#include "aws/ssm.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "service_test_client.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {
namespace {

using nlohmann::json;
using testing::ProtocolTestClient;

// The answer the AWS CLI printed for its captured GetParameter, plus a LastModifiedDate.
constexpr std::string_view kGetParameterAnswer = R"({"Parameter": {
  "Name": "/demo/param", "Type": "String", "Value": "hello", "Version": 1,
  "LastModifiedDate": 1582657288.8,
  "ARN": "arn:aws:ssm:us-east-1:123456789012:parameter/demo/param", "DataType": "text"}})";

std::vector<std::string> numbered_names(int count) {
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i)
    names.push_back("/p/" + std::to_string(i));
  return names;
}

// A GetParameters answer that finds the even-numbered names of `request_body` only.
std::string answer_finding_even_names(const std::string& request_body) {
  json answer{{"Parameters", json::array()}, {"InvalidParameters", json::array()}};
  json request = json::parse(request_body);
  for (const std::string name : request.at("Names")) {
    bool even = std::stoi(name.substr(3)) % 2 == 0;
    if (even)
      answer["Parameters"].push_back({{"Name", name}, {"Value", "v" + name}});
    if (!even)
      answer["InvalidParameters"].push_back(name);
  }
  return answer.dump();
}

TEST(SsmClientTest, GetParameterSendsWhatTheAwsCliSends) {
  SPAWN_REQUIRE_TESTDATA(path,
                         std::string(testing::kCapturedRequests) + "11-ssm-GetParameter.http");
  HttpRequest captured = testing::read_captured_request(path);
  ProtocolTestClient test;
  test.transport.reply(200, std::string(kGetParameterAnswer));

  (void)SsmClient(test.client).get_parameter("/demo/param", Decryption::yes);

  const HttpRequest& sent = test.only_request();
  EXPECT_EQ(sent.method, captured.method);
  EXPECT_EQ(sent.url.target(), captured.url.target());
  EXPECT_EQ(sent.header("X-Amz-Target").value_or(""),
            testing::captured_header(captured, "X-Amz-Target"));
  EXPECT_EQ(sent.header("Content-Type").value_or(""),
            testing::captured_header(captured, "Content-Type"));
  EXPECT_EQ(json::parse(sent.body), json::parse(captured.body));
}

TEST(SsmClientTest, GetParameterReadsEveryField) {
  ProtocolTestClient test;
  test.transport.reply(200, std::string(kGetParameterAnswer));

  auto parameter = SsmClient(test.client).get_parameter("/demo/param");

  ASSERT_TRUE(parameter.has_value()) << parameter.error().message;
  EXPECT_EQ(parameter->name, "/demo/param");
  EXPECT_EQ(parameter->type, "String");
  EXPECT_EQ(parameter->value, "hello");
  EXPECT_EQ(parameter->version, 1);
  EXPECT_EQ(parameter->arn, "arn:aws:ssm:us-east-1:123456789012:parameter/demo/param");
  EXPECT_EQ(parameter->data_type, "text");
  ASSERT_TRUE(parameter->last_modified.has_value());
  EXPECT_EQ(format_iso8601(*parameter->last_modified), "2020-02-25T19:01:28Z");
}

TEST(SsmClientTest, GetParameterWithoutDecryptionSaysSo) {
  ProtocolTestClient test;
  test.transport.reply(200, std::string(kGetParameterAnswer));

  (void)SsmClient(test.client).get_parameter("/demo/param");

  EXPECT_EQ(json::parse(test.only_request().body).at("WithDecryption"), false);
}

TEST(SsmClientTest, ParameterNotFoundIsNotFound) {
  ProtocolTestClient test;
  test.transport.reply(400, R"({"__type":"ParameterNotFound","message":""})",
                       {{"Content-Type", "application/x-amz-json-1.1"}});

  auto parameter = SsmClient(test.client).get_parameter("/missing");

  ASSERT_FALSE(parameter.has_value());
  EXPECT_EQ(parameter.error().kind, ErrorKind::not_found);
  ASSERT_TRUE(parameter.error().aws.has_value());
  EXPECT_EQ(parameter.error().aws->code, "ParameterNotFound");
}

TEST(SsmClientTest, AnswerWithoutParameterIsAParseError) {
  ProtocolTestClient test;
  test.transport.reply(200, "{}");

  auto parameter = SsmClient(test.client).get_parameter("/demo/param");

  ASSERT_FALSE(parameter.has_value());
  EXPECT_EQ(parameter.error().kind, ErrorKind::parse);
}

TEST(SsmClientTest, GetParametersAsksForAtMostTenNamesPerCall) {
  ProtocolTestClient test;
  for (int call = 0; call < 3; ++call)
    test.transport.reply(200, "{}");

  auto result = SsmClient(test.client).get_parameters(numbered_names(23), Decryption::yes);

  ASSERT_TRUE(result.has_value()) << result.error().message;
  ASSERT_EQ(test.transport.requests.size(), 3u);
  std::vector<std::string> sent;
  for (const HttpRequest& request : test.transport.requests) {
    EXPECT_EQ(request.header("X-Amz-Target").value_or(""), "AmazonSSM.GetParameters");
    json body = json::parse(request.body);
    EXPECT_LE(body.at("Names").size(), 10u);
    EXPECT_EQ(body.at("WithDecryption"), true);
    for (const json& name : body.at("Names"))
      sent.push_back(name.get<std::string>());
  }
  EXPECT_EQ(sent, numbered_names(23));
}

TEST(SsmClientTest, GetParametersCollectsFoundAndInvalidNamesOfEveryCall) {
  ProtocolTestClient test;
  std::vector<std::string> names = numbered_names(12);
  json first_chunk{{"Names", std::vector<std::string>(names.begin(), names.begin() + 10)}};
  json second_chunk{{"Names", std::vector<std::string>(names.begin() + 10, names.end())}};
  test.transport.reply(200, answer_finding_even_names(first_chunk.dump()));
  test.transport.reply(200, answer_finding_even_names(second_chunk.dump()));

  auto result = SsmClient(test.client).get_parameters(names);

  ASSERT_TRUE(result.has_value()) << result.error().message;
  ASSERT_EQ(result->parameters.size(), 6u);
  EXPECT_EQ(result->parameters[5].name, "/p/10");
  EXPECT_EQ(result->parameters[5].value, "v/p/10");
  EXPECT_EQ(result->invalid_parameters,
            (std::vector<std::string>{"/p/1", "/p/3", "/p/5", "/p/7", "/p/9", "/p/11"}));
}

TEST(SsmClientTest, GetParametersOfNoNamesCallsNothing) {
  ProtocolTestClient test;

  auto result = SsmClient(test.client).get_parameters({});

  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->parameters.empty());
  EXPECT_TRUE(test.transport.requests.empty());
}

TEST(SsmClientTest, GetParametersStopsAtTheFirstFailingCall) {
  ProtocolTestClient test;
  test.transport.reply(200, "{}");
  test.transport.reply(400, R"({"__type":"AccessDeniedException","message":"no"})");

  auto result = SsmClient(test.client).get_parameters(numbered_names(25));

  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ErrorKind::auth);
  EXPECT_EQ(test.transport.requests.size(), 2u);
}

}  // namespace
}  // namespace spawn::aws
