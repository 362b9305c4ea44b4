#include "aws/rest_protocol.hpp"

#include <gtest/gtest.h>

#include <string>

#include "protocol_test_client.hpp"
#include "service_test_client.hpp"

namespace spawn::aws {
namespace {

RestRequest request_for(std::string method, std::string path) {
  RestRequest request;
  request.method = std::move(method);
  request.path = std::move(path);
  return request;
}

TEST(RestPath, EncodesEachSegmentIncludingSlashes) {
  EXPECT_EQ(rest_path({"schedules", "demo-schedule"}), "/schedules/demo-schedule");
  EXPECT_EQ(rest_path({"schedules", "a b/c"}), "/schedules/a%20b%2Fc");
  EXPECT_EQ(rest_path({}), "/");
}

TEST(S3ObjectPath, MatchesThePutObjectPathTheCliSent) {
  SPAWN_REQUIRE_TESTDATA(path, "awscli-requests/awscli-2.9.19-debian/19-s3-PutObject.http");
  EXPECT_EQ(s3_object_path("demo-bucket", "dir/a b+c~d.txt"),
            testing::read_captured_request(path).url.target());
}

TEST(EncodeQuery, MatchesTheListObjectsQueryTheCliSent) {
  SPAWN_REQUIRE_TESTDATA(path, "awscli-requests/awscli-2.9.19-debian/18-s3-ListObjectsV2.http");
  HttpRequest request = build_rest_request(RestRequest{
      .method = "GET",
      .path = rest_path({"demo-bucket"}),
      .query = {{"list-type", "2"},
                {"prefix", "some prefix/"},
                {"delimiter", "/"},
                {"encoding-type", "url"}},
      .headers = {},
      .body = {},
  });
  EXPECT_EQ(request.url.target(), testing::read_captured_request(path).url.target());
}

TEST(EncodeQuery, KeepsOrderAndEncodesEverythingReserved) {
  EXPECT_EQ(encode_query({{"b", "1+1=2"}, {"a", ""}, {"k~", "x&y"}}), "b=1%2B1%3D2&a=&k~=x%26y");
  EXPECT_EQ(encode_query({}), "");
}

TEST(CallRest, SendsMethodPathQueryHeadersAndBody) {
  testing::ProtocolTestClient fake;
  fake.transport.reply(200, "stored", {{"ETag", "\"abc\""}});
  auto response = call_rest(fake.client, services::s3, "PutObject",
                            RestRequest{
                                .method = "PUT",
                                .path = s3_object_path("b", "k 1"),
                                .query = {},
                                .headers = {{"Content-Type", "text/plain"}},
                                .body = "hello",
                            });
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->header("ETag"), "\"abc\"");
  const HttpRequest& sent = fake.only_request();
  EXPECT_EQ(sent.method, "PUT");
  EXPECT_EQ(sent.url.path, "/b/k%201");
  EXPECT_EQ(sent.header("Content-Type"), "text/plain");
  EXPECT_EQ(sent.body, "hello");
}

TEST(CallRestJson, SendsJsonAndParsesTheAnswer) {
  testing::ProtocolTestClient fake;
  fake.transport.reply(200, R"({"ScheduleArn": "arn:aws:scheduler:::schedule/default/s"})");
  nlohmann::json body{{"ScheduleExpression", "at(2030-01-01T00:00:00)"}};
  auto answer = call_rest_json(fake.client, services::scheduler, "CreateSchedule",
                               request_for("POST", rest_path({"schedules", "s"})), body);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ((*answer)["ScheduleArn"], "arn:aws:scheduler:::schedule/default/s");
  const HttpRequest& sent = fake.only_request();
  EXPECT_EQ(sent.url.path, "/schedules/s");
  EXPECT_EQ(sent.header("Content-Type"), "application/json");
  EXPECT_EQ(nlohmann::json::parse(sent.body), body);
}

TEST(CallRestJson, SendsNoBodyWithoutInputAndAcceptsAnEmptyAnswer) {
  testing::ProtocolTestClient fake;
  fake.transport.reply(200, "");
  auto answer = call_rest_json(fake.client, services::scheduler, "DeleteSchedule",
                               request_for("DELETE", rest_path({"schedules", "s"})));
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(*answer, nlohmann::json::object());
  EXPECT_EQ(fake.only_request().body, "");
  EXPECT_FALSE(fake.only_request().header("Content-Type"));
}

TEST(CallRestJson, TurnsARestJsonErrorIntoAnErrorWithTheAwsCode) {
  testing::ProtocolTestClient fake;
  fake.transport.reply(409, R"({"Message":"Schedule s already exists."})",
                       {{"x-amzn-ErrorType", "ConflictException:http://internal.amazon.com/"}});
  auto answer =
      call_rest_json(fake.client, services::scheduler, "CreateSchedule",
                     request_for("POST", rest_path({"schedules", "s"})), nlohmann::json::object());
  ASSERT_FALSE(answer);
  ASSERT_TRUE(answer.error().aws);
  EXPECT_EQ(answer.error().aws->code, "ConflictException");
  EXPECT_EQ(answer.error().aws->message, "Schedule s already exists.");
  EXPECT_EQ(answer.error().aws->http_status, 409);
}

}  // namespace
}  // namespace spawn::aws
