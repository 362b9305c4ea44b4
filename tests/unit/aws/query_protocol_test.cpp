#include "aws/query_protocol.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "aws/xml.hpp"
#include "protocol_test_client.hpp"
#include "service_test_client.hpp"

namespace spawn::aws {
namespace {

TEST(QueryParams, FormEncodesLikeBotocore) {
  QueryParams params;
  params.add("Tag.2.Value", "a b&c=d").add("Unreserved", "AZaz09-._~").add("Slash", "/x:y+z");
  EXPECT_EQ(params.encode(), "Tag.2.Value=a+b%26c%3Dd&Unreserved=AZaz09-._~&Slash=%2Fx%3Ay%2Bz");
}

TEST(QueryParams, EncodesUtf8ByteByByteInUpperCaseHex) {
  QueryParams params;
  params.add("Name", "caf\xC3\xA9 \xE2\x9C\x93");
  EXPECT_EQ(params.encode(), "Name=caf%C3%A9+%E2%9C%93");
}

TEST(QueryParams, KeepsOrderAndEmptyValues) {
  QueryParams params;
  params.add("B", "2").add("A", "").add_if("Skipped", "").add_if("C", "3");
  EXPECT_EQ(params.encode(), "B=2&A=&C=3");
  EXPECT_EQ(QueryParams{}.encode(), "");
}

TEST(QueryParams, RebuildsTheCreateTagsBodyTheCliSent) {
  SPAWN_REQUIRE_TESTDATA(path, "awscli-requests/awscli-2.9.19-debian/06-ec2-CreateTags.http");
  QueryParams params;
  params.add("ResourceId.1", "i-0123456789abcdef0")
      .add("Tag.1.Key", "Name")
      .add("Tag.1.Value", "demo")
      .add("Tag.2.Key", "Owner")
      .add("Tag.2.Value", "a b&c=d");
  HttpRequest request = build_query_request(services::ec2, "CreateTags", params);
  EXPECT_EQ(request.body, testing::read_captured_request(path).body);
}

// Every EC2, IAM and STS body both CLIs sent, decoded and encoded again, byte for byte.
TEST(QueryParams, ReencodesEveryCapturedQueryBody) {
  SPAWN_REQUIRE_TESTDATA(root, "awscli-requests");
  int checked = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    std::string name = entry.path().filename().string();
    bool query_service = name.find("-ec2-") != std::string::npos ||
                         name.find("-iam-") != std::string::npos ||
                         name.find("-sts-") != std::string::npos;
    if (entry.path().extension() != ".http" || !query_service ||
        entry.path().parent_path().filename() == "imds")
      continue;
    std::string body = testing::read_captured_request(entry.path()).body;
    QueryParams params;
    for (auto& [key, value] : testing::form_params(body))
      params.add(key, value);
    EXPECT_EQ(params.encode(), body) << entry.path();
    ++checked;
  }
  EXPECT_GE(checked, 26);
}

TEST(BuildQueryRequest, PostsTheFormToTheRoot) {
  QueryParams params;
  params.add("RoleName", "demo-role");
  HttpRequest request = build_query_request(services::iam, "GetRole", params);
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url.path, "/");
  EXPECT_EQ(request.url.query, "");
  EXPECT_EQ(request.header("Content-Type"), "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_EQ(request.body, "Action=GetRole&Version=2010-05-08&RoleName=demo-role");
  EXPECT_EQ(build_query_request(services::sts, "GetCallerIdentity", {}).body,
            "Action=GetCallerIdentity&Version=2011-06-15");
}

TEST(ParseQueryResponse, Ec2ResultIsTheRootAndRequestIdIsRead) {
  HttpResponse response{200, {}, R"(<?xml version="1.0" encoding="UTF-8"?>
<CreateTagsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId><return>true</return>
</CreateTagsResponse>)"};
  auto parsed = parse_query_response(services::ec2, "CreateTags", response);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->request_id, "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE");
  EXPECT_EQ(xml::local_name(parsed->result()), "CreateTagsResponse");
  EXPECT_EQ(xml::boolean(parsed->result(), "return"), true);
}

TEST(ParseQueryResponse, QueryResultIsTheOperationResult) {
  HttpResponse response{200, {}, R"(
<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::123456789012:user/Alice</Arn><Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>01234567-89ab</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>)"};
  auto parsed = parse_query_response(services::sts, "GetCallerIdentity", response);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->request_id, "01234567-89ab");
  EXPECT_EQ(xml::local_name(parsed->result()), "GetCallerIdentityResult");
  EXPECT_EQ(xml::text(parsed->result(), "Account"), "123456789012");
}

TEST(ParseQueryResponse, ResultWithoutAResultElementIsTheRoot) {
  HttpResponse response{200, {{"x-amzn-RequestId", "hdr-id"}}, R"(
<DeleteRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"/>)"};
  auto parsed = parse_query_response(services::iam, "DeleteRole", response);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(xml::local_name(parsed->result()), "DeleteRoleResponse");
  EXPECT_EQ(parsed->request_id, "hdr-id");
}

TEST(ParseQueryResponse, BadXmlIsAParseErrorNamingTheOperation) {
  for (std::string body : {"", "<DescribeInstancesResponse><reservationSet>", "{\"json\":1}"}) {
    auto parsed =
        parse_query_response(services::ec2, "DescribeInstances", HttpResponse{200, {}, body});
    ASSERT_FALSE(parsed) << body;
    EXPECT_EQ(parsed.error().kind, ErrorKind::parse);
    EXPECT_NE(parsed.error().message.find("DescribeInstances"), std::string::npos);
  }
}

TEST(CallQuery, SendsTheFormAndParsesTheAnswer) {
  testing::ProtocolTestClient fake;
  fake.transport.reply(200,
                       "<DescribeRegionsResponse><requestId>r-1</requestId><regionInfo><item>"
                       "<regionName>eu-west-1</regionName></item></regionInfo>"
                       "</DescribeRegionsResponse>");
  QueryParams params;
  params.add("RegionName.1", "eu-west-1");
  auto parsed = call_query(fake.client, services::ec2, "DescribeRegions", params);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->request_id, "r-1");
  auto regions = xml::list(parsed->result(), "regionInfo");
  ASSERT_EQ(regions.size(), 1u);
  EXPECT_EQ(xml::text(regions[0], "regionName"), "eu-west-1");
  const HttpRequest& sent = fake.only_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.body, "Action=DescribeRegions&Version=2016-11-15&RegionName.1=eu-west-1");
  EXPECT_EQ(sent.header("Content-Type"), "application/x-www-form-urlencoded; charset=utf-8");
}

TEST(CallQuery, TurnsAnEc2ErrorIntoAnErrorWithTheAwsCode) {
  testing::ProtocolTestClient fake;
  fake.transport.reply(400,
                       "<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>"
                       "<Message>no such instance</Message></Error></Errors>"
                       "<RequestID>r-2</RequestID></Response>");
  auto parsed = call_query(fake.client, services::ec2, "DescribeInstances", {});
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().kind, ErrorKind::not_found);
  ASSERT_TRUE(parsed.error().aws);
  EXPECT_EQ(parsed.error().aws->code, "InvalidInstanceID.NotFound");
  EXPECT_EQ(parsed.error().aws->request_id, "r-2");
}

TEST(CallQuery, ReportsABrokenSuccessBodyAsAParseError) {
  testing::ProtocolTestClient fake;
  fake.transport.reply(200, "<GetRoleResponse><GetRoleResult>");
  auto parsed = call_query(fake.client, services::iam, "GetRole", {});
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().kind, ErrorKind::parse);
}

}  // namespace
}  // namespace spawn::aws
