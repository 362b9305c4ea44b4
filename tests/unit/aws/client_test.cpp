#include "aws/client.hpp"

#include <gtest/gtest.h>

#include "fake_transport.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {
namespace {

using std::chrono::milliseconds;

constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr const char* kThrottled =
    "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit "
    "exceeded.</Message></Error></Errors><RequestID>abc</RequestID></Response>";
constexpr const char* kInvalidParameter =
    "<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>Value (x9.huge) for "
    "parameter instanceType is invalid.</Message></Error></Errors><RequestID>r-400</RequestID>"
    "</Response>";
constexpr const char* kSignatureMismatch =
    "<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>Signature "
    "expired</Message></Error><RequestId>r-skew</RequestId></ErrorResponse>";
constexpr const char* kOk =
    "<DescribeInstancesResponse><requestId>ok-1</requestId>"
    "<reservationSet/></DescribeInstancesResponse>";

struct RecordingObserver final : CallObserver {
  std::vector<CallRecord> records;
  void on_call(const CallRecord& record) override { records.push_back(record); }
};

struct FailingCredentials final : CredentialsProvider {
  int calls = 0;
  Result<Credentials> credentials() override {
    ++calls;
    return fail(ErrorKind::network, "cannot reach the instance metadata service");
  }
};

SystemTime start_time() {
  return *parse_iso8601("2024-03-01T12:00:00Z");
}

class AwsClientTest : public ::testing::Test {
 protected:
  AwsClient make_client(int max_attempts = 3) {
    return AwsClient(ClientDeps{transport_, credentials_, clock_, EndpointResolver{}, "us-east-1",
                                RetryConfig{max_attempts}, Timeouts{}, &observer_,
                                [] { return 1.0; }});
  }

  static HttpRequest describe_instances() {
    HttpRequest request;
    request.method = "POST";
    request.url.path = "/";
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
    request.body = "Action=DescribeInstances&Version=2016-11-15";
    return request;
  }

  Result<HttpResponse> call(AwsClient& client) {
    return client.send(services::ec2, "DescribeInstances", describe_instances());
  }

  void reply_throttled() { transport_.reply(503, kThrottled); }
  void reply_ok() { transport_.reply(200, kOk, {{"x-amzn-RequestId", "ok-1"}}); }

  testing::FakeTransport transport_;
  StaticCredentialsProvider credentials_{Credentials{"AKIDEXAMPLE", kSecret, "", {}, "test"}};
  FakeClock clock_{start_time()};
  RecordingObserver observer_;
};

TEST_F(AwsClientTest, SignsAndAddressesTheRequestForTheRegionalEndpoint) {
  auto client = make_client();
  reply_ok();
  auto response = call(client);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, kOk);
  ASSERT_EQ(transport_.requests.size(), 1u);
  const HttpRequest& sent = transport_.requests[0];
  EXPECT_EQ(sent.url.scheme, "https");
  EXPECT_EQ(sent.url.host, "ec2.us-east-1.amazonaws.com");
  EXPECT_EQ(sent.header("Host"), "ec2.us-east-1.amazonaws.com");
  EXPECT_EQ(sent.header("X-Amz-Date"), "20240301T120000Z");
  auto authorization = sent.header("Authorization");
  ASSERT_TRUE(authorization);
  EXPECT_TRUE(authorization->starts_with(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240301/us-east-1/ec2/aws4_request"))
      << *authorization;
}

TEST_F(AwsClientTest, KeepsAHostTheCallerChose) {
  auto client = make_client();
  reply_ok();
  HttpRequest request;
  request.url = *Url::parse("http://bucket.localhost:4566/key");
  ASSERT_TRUE(client.send(services::s3, "GetObject", request));
  EXPECT_EQ(transport_.requests[0].url.to_string(), "http://bucket.localhost:4566/key");
  EXPECT_EQ(transport_.requests[0].header("Host"), "bucket.localhost:4566");
}

TEST_F(AwsClientTest, ThrottledTwiceThenSucceedsAfterBackingOff) {
  auto client = make_client();
  reply_throttled();
  reply_throttled();
  reply_ok();
  auto response = call(client);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(transport_.requests.size(), 3u);
  EXPECT_EQ(clock_.slept, milliseconds(1000 + 2000));
}

TEST_F(AwsClientTest, EveryAttemptIsSignedAfresh) {
  auto client = make_client();
  reply_throttled();
  reply_ok();
  ASSERT_TRUE(call(client));
  ASSERT_EQ(transport_.requests.size(), 2u);
  EXPECT_EQ(transport_.requests[0].header("X-Amz-Date"), "20240301T120000Z");
  EXPECT_EQ(transport_.requests[1].header("X-Amz-Date"), "20240301T120001Z");
  EXPECT_NE(transport_.requests[0].header("Authorization"),
            transport_.requests[1].header("Authorization"));
}

TEST_F(AwsClientTest, ValidationErrorIsNotRetriedAndReadsWell) {
  auto client = make_client();
  transport_.reply(400, kInvalidParameter);
  auto response = client.send(services::ec2, "RunInstances", describe_instances());
  ASSERT_FALSE(response);
  EXPECT_EQ(transport_.requests.size(), 1u);
  EXPECT_EQ(clock_.slept, milliseconds(0));
  EXPECT_EQ(response.error().message,
            "ec2 RunInstances: InvalidParameterValue: Value (x9.huge) for parameter instanceType "
            "is invalid.");
  ASSERT_TRUE(response.error().aws);
  const AwsError& aws = *response.error().aws;
  EXPECT_EQ(aws.service, "ec2");
  EXPECT_EQ(aws.operation, "RunInstances");
  EXPECT_EQ(aws.code, "InvalidParameterValue");
  EXPECT_EQ(aws.http_status, 400);
  EXPECT_EQ(aws.request_id, "r-400");
  EXPECT_FALSE(aws.retryable);
}

TEST_F(AwsClientTest, TimeoutIsRetried) {
  auto client = make_client();
  transport_.fail_with(ErrorKind::timeout, "no answer from ec2.us-east-1.amazonaws.com in 60 s");
  reply_ok();
  ASSERT_TRUE(call(client));
  EXPECT_EQ(transport_.requests.size(), 2u);
}

TEST_F(AwsClientTest, ServiceUnavailableWithoutACodeIsRetried) {
  auto client = make_client();
  transport_.reply(503, "<html>Service Unavailable</html>");
  reply_ok();
  ASSERT_TRUE(call(client));
  EXPECT_EQ(transport_.requests.size(), 2u);
}

TEST_F(AwsClientTest, GivesUpAfterMaxAttemptsAndSaysSo) {
  auto client = make_client(3);
  for (int i = 0; i < 5; ++i)
    reply_throttled();
  auto response = call(client);
  ASSERT_FALSE(response);
  EXPECT_EQ(transport_.requests.size(), 3u);
  ASSERT_TRUE(response.error().aws);
  EXPECT_TRUE(response.error().aws->retryable);
  EXPECT_EQ(response.error().aws->code, "RequestLimitExceeded");
  EXPECT_NE(response.error().message.find("gave up after 3 attempts"), std::string::npos)
      << response.error().message;
}

TEST_F(AwsClientTest, OneMaxAttemptMeansNoRetry) {
  auto client = make_client(1);
  reply_throttled();
  reply_ok();
  EXPECT_FALSE(call(client));
  EXPECT_EQ(transport_.requests.size(), 1u);
}

TEST_F(AwsClientTest, DrainedQuotaStopsRetrying) {
  auto client = make_client(1000);
  for (int i = 0; i < 150; ++i)
    transport_.fail_with(ErrorKind::network, "connection reset");
  EXPECT_FALSE(call(client));
  // 500 tokens pay for 100 retries at 5 each: 101 attempts in all.
  EXPECT_EQ(transport_.requests.size(), 101u);
  transport_.requests.clear();
  EXPECT_FALSE(call(client));
  EXPECT_EQ(transport_.requests.size(), 1u);
}

TEST_F(AwsClientTest, SuccessAfterRetriesRefundsTheQuota) {
  auto client = make_client(1000);
  for (int i = 0; i < 99; ++i)
    transport_.fail_with(ErrorKind::network, "connection reset");
  reply_ok();
  ASSERT_TRUE(call(client));
  // Had the 99 retries not been refunded, only one more retry would be affordable.
  transport_.requests.clear();
  for (int i = 0; i < 10; ++i)
    transport_.fail_with(ErrorKind::network, "connection reset");
  reply_ok();
  EXPECT_TRUE(call(client));
  EXPECT_EQ(transport_.requests.size(), 11u);
}

TEST_F(AwsClientTest, TransportErrorsNameTheOperation) {
  auto client = make_client(1);
  transport_.fail_with(ErrorKind::network,
                       "cannot connect to ec2.us-east-1.amazonaws.com:443: Connection refused");
  auto response = call(client);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  EXPECT_EQ(response.error().message,
            "ec2 DescribeInstances: cannot connect to ec2.us-east-1.amazonaws.com:443: "
            "Connection refused");
}

TEST_F(AwsClientTest, CredentialErrorsAreReturnedAsIsWithoutSending) {
  FailingCredentials failing;
  AwsClient client(ClientDeps{transport_, failing, clock_, EndpointResolver{}, "us-east-1",
                              RetryConfig{3}, Timeouts{}, &observer_, [] { return 1.0; }});
  reply_ok();
  auto response = call(client);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  EXPECT_EQ(response.error().message, "cannot reach the instance metadata service");
  EXPECT_EQ(failing.calls, 1);
  EXPECT_TRUE(transport_.requests.empty());
  EXPECT_TRUE(observer_.records.empty());
}

TEST_F(AwsClientTest, ClockSkewIsLearntAndTheRequestResigned) {
  auto client = make_client();
  auto server_now = start_time() + std::chrono::hours(1);
  transport_.reply(403, kSignatureMismatch, {{"Date", "Fri, 01 Mar 2024 13:00:00 GMT"}});
  reply_ok();
  reply_ok();
  auto response = client.send(services::sts, "GetCallerIdentity", describe_instances());
  ASSERT_TRUE(response) << response.error().message;
  ASSERT_EQ(transport_.requests.size(), 2u);
  EXPECT_EQ(clock_.slept, milliseconds(0));
  EXPECT_EQ(transport_.requests[1].header("X-Amz-Date"), format_amz_date(server_now));
  ASSERT_TRUE(call(client));
  EXPECT_EQ(transport_.requests[2].header("X-Amz-Date"), format_amz_date(server_now));
}

TEST_F(AwsClientTest, SignatureErrorWithAClockThatAgreesIsNotRetried) {
  auto client = make_client();
  transport_.reply(403, kSignatureMismatch, {{"Date", "Fri, 01 Mar 2024 12:03:00 GMT"}});
  reply_ok();
  auto response = client.send(services::sts, "GetCallerIdentity", describe_instances());
  ASSERT_FALSE(response);
  EXPECT_EQ(transport_.requests.size(), 1u);
  ASSERT_TRUE(response.error().aws);
  EXPECT_EQ(response.error().aws->code, "SignatureDoesNotMatch");
}

TEST_F(AwsClientTest, ClockSkewIsCorrectedOnlyOncePerCall) {
  auto client = make_client();
  transport_.reply(403, kSignatureMismatch, {{"Date", "Fri, 01 Mar 2024 13:00:00 GMT"}});
  transport_.reply(403, kSignatureMismatch, {{"Date", "Fri, 01 Mar 2024 15:00:00 GMT"}});
  reply_ok();
  EXPECT_FALSE(client.send(services::sts, "GetCallerIdentity", describe_instances()));
  EXPECT_EQ(transport_.requests.size(), 2u);
}

TEST_F(AwsClientTest, ObserverSeesEachAttemptWithoutSecrets) {
  auto client = make_client();
  reply_throttled();
  reply_ok();
  ASSERT_TRUE(call(client));
  ASSERT_EQ(observer_.records.size(), 2u);
  const CallRecord& first = observer_.records[0];
  EXPECT_EQ(first.service, "ec2");
  EXPECT_EQ(first.operation, "DescribeInstances");
  EXPECT_EQ(first.region, "us-east-1");
  EXPECT_EQ(first.attempt, 1);
  EXPECT_EQ(first.http_status, 503);
  EXPECT_EQ(first.error_code, "RequestLimitExceeded");
  EXPECT_EQ(first.request_id, "abc");
  const CallRecord& second = observer_.records[1];
  EXPECT_EQ(second.attempt, 2);
  EXPECT_EQ(second.http_status, 200);
  EXPECT_EQ(second.request_id, "ok-1");
  EXPECT_EQ(second.error_code, "");
  for (const CallRecord& record : observer_.records) {
    for (const std::string& field :
         {record.service, record.operation, record.region, record.request_id, record.error_code}) {
      EXPECT_EQ(field.find("Signature="), std::string::npos) << field;
      EXPECT_EQ(field.find(kSecret), std::string::npos) << field;
    }
  }
}

TEST_F(AwsClientTest, ObserverRecordsTransportFailuresByKind) {
  auto client = make_client();
  transport_.fail_with(ErrorKind::timeout, "read timed out");
  reply_ok();
  ASSERT_TRUE(call(client));
  ASSERT_EQ(observer_.records.size(), 2u);
  EXPECT_EQ(observer_.records[0].http_status, 0);
  EXPECT_EQ(observer_.records[0].error_code, "timeout");
}

TEST_F(AwsClientTest, PresignPointsAtTheEndpointWithASignature) {
  auto client = make_client();
  HttpRequest request;
  request.url.path = "/bucket/key";
  auto url = client.presign(services::s3, request, std::chrono::seconds(900));
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_TRUE(url->starts_with("https://s3.us-east-1.amazonaws.com/bucket/key?")) << *url;
  EXPECT_NE(url->find("X-Amz-Expires=900"), std::string::npos) << *url;
  EXPECT_NE(url->find("X-Amz-Signature="), std::string::npos) << *url;
  EXPECT_TRUE(transport_.requests.empty());
}

}  // namespace
}  // namespace spawn::aws
