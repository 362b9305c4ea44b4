// The call loop end to end over real sockets: AwsClient with the Beast transport
// against a local server that throttles, rejects or cuts its answers short. The
// clock is fake, so back-off never really sleeps.
#include <gtest/gtest.h>

#include <atomic>

#include "aws/beast_transport.hpp"
#include "aws/client.hpp"
#include "aws/query_protocol.hpp"
#include "transport_test_servers.hpp"

namespace spawn::aws {
namespace {

using namespace std::chrono_literals;
using testing::RawServer;
using testing::RunningServer;

constexpr const char* kThrottled =
    "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit "
    "exceeded.</Message></Error></Errors><RequestID>throttled-1</RequestID></Response>";
constexpr const char* kInvalidParameter =
    "<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>Value (x) for "
    "parameter instanceType is invalid.</Message></Error></Errors><RequestID>bad-1</RequestID>"
    "</Response>";
constexpr const char* kRegions =
    "<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
    "<requestId>ok-1</requestId><regionInfo><item><regionName>eu-west-1</regionName></item>"
    "</regionInfo></DescribeRegionsResponse>";

class ClientOverSocketsTest : public ::testing::Test {
 protected:
  AwsClient client_for(int port) {
    EndpointOverrides overrides;
    overrides.global = fmt::format("http://127.0.0.1:{}", port);
    return AwsClient(ClientDeps{*transport_, credentials_, clock_, EndpointResolver(overrides),
                                "us-east-1", RetryConfig{3}, Timeouts{2s, 5s}, nullptr,
                                [] { return 1.0; }});
  }

  std::unique_ptr<HttpTransport> transport_ =
      make_beast_transport(TransportOptions{CaBundle{}, ProxySettings{}, "spawn-test"});
  StaticCredentialsProvider credentials_{Credentials{"AKIDEXAMPLE", "secret", "", {}, "test"}};
  FakeClock clock_{SystemTime(std::chrono::seconds(1'800'000'000))};
};

TEST_F(ClientOverSocketsTest, ThrottledTwiceThenAnsweredSucceedsOnTheThirdAttempt) {
  std::atomic<int> requests = 0;
  RunningServer<httplib::Server> server;
  // One answer per connection, so stopping the server never waits out a keep-alive.
  server.server.set_keep_alive_max_count(1);
  server.server.Post("/", [&](const httplib::Request&, httplib::Response& response) {
    if (++requests <= 2) {
      response.status = 503;
      response.set_content(kThrottled, "text/xml");
      return;
    }
    response.set_content(kRegions, "text/xml");
  });
  server.start();
  auto client = client_for(server.port);
  auto answer = call_query(client, services::ec2, "DescribeRegions", QueryParams{});
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->request_id, "ok-1");
  EXPECT_EQ(requests, 3);
  EXPECT_EQ(clock_.slept, 1000ms + 2000ms) << "full back-off with jitter 1: 1 s, then 2 s";
}

TEST_F(ClientOverSocketsTest, ValidationErrorIsNotRetried) {
  std::atomic<int> requests = 0;
  RunningServer<httplib::Server> server;
  // One answer per connection, so stopping the server never waits out a keep-alive.
  server.server.set_keep_alive_max_count(1);
  server.server.Post("/", [&](const httplib::Request&, httplib::Response& response) {
    ++requests;
    response.status = 400;
    response.set_content(kInvalidParameter, "text/xml");
  });
  server.start();
  auto client = client_for(server.port);
  auto answer = call_query(client, services::ec2, "RunInstances", QueryParams{});
  ASSERT_FALSE(answer);
  EXPECT_EQ(requests, 1);
  EXPECT_EQ(answer.error().kind, ErrorKind::usage);
  ASSERT_TRUE(answer.error().aws);
  EXPECT_EQ(answer.error().aws->code, "InvalidParameterValue");
  EXPECT_EQ(answer.error().aws->request_id, "bad-1");
  EXPECT_EQ(clock_.slept, 0ms);
}

TEST_F(ClientOverSocketsTest, TruncatedResponseIsANetworkErrorRetriedThenReported) {
  // Promises 100 bytes, sends 9, and hangs up.
  RawServer server([](int fd) {
    if (testing::read_head(fd).empty())
      return;
    testing::write_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n<Describe");
  });
  auto client = client_for(server.port());
  auto answer = call_query(client, services::ec2, "DescribeRegions", QueryParams{});
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().kind, ErrorKind::network);
  EXPECT_NE(answer.error().message.find("ec2 DescribeRegions"), std::string::npos)
      << answer.error().message;
  EXPECT_NE(answer.error().message.find("gave up after 3 attempts"), std::string::npos)
      << answer.error().message;
  EXPECT_GE(server.connections(), 3);
}

}  // namespace
}  // namespace spawn::aws
