// IMDS over real HTTP: spawn's own ImdsClient (a real IMDSv2 client) against the
// per-instance listeners, raw requests for the error statuses, credentials
// caching, the shutdown request and closing.

#include "localcloud/instances/imds_server.hpp"

#include <gtest/gtest.h>

#include "aws/beast_transport.hpp"
#include "aws/imds.hpp"
#include "fake_metadata_source.hpp"
#include "sandbox_test_support.hpp"

namespace spawn::localcloud {
namespace {

using namespace std::chrono_literals;

class ImdsServerTest : public ::testing::Test {
 protected:
  std::string open(const InstanceMetadata& metadata, std::string user_data = "") {
    source_.set(metadata);
    auto endpoint = server_.open(metadata.instance_id, metadata.private_ip, std::move(user_data));
    EXPECT_TRUE(endpoint) << endpoint.error().message;
    return endpoint.value_or("");
  }

  std::unique_ptr<aws::ImdsClient> client_for(const std::string& endpoint) {
    aws::ImdsConfig config;
    config.endpoint = *aws::Url::parse(endpoint);
    return std::make_unique<aws::ImdsClient>(*transport_, client_clock_, config);
  }

  Result<aws::HttpResponse> send(const std::string& endpoint, std::string method, std::string path,
                                 aws::Headers headers = {}) {
    aws::HttpRequest request;
    request.method = std::move(method);
    request.url = *aws::Url::parse(endpoint + path);
    request.headers = std::move(headers);
    return transport_->send(request, aws::Timeouts{2s, 2s});
  }

  std::string token(const std::string& endpoint) {
    auto response = send(endpoint, "PUT", "/latest/api/token",
                         {{"X-aws-ec2-metadata-token-ttl-seconds", "60"}});
    return response ? response->body : "";
  }

  test::FakeMetadataSource source_;
  FakeClock server_clock_{std::chrono::system_clock::now()};
  SystemClock client_clock_;
  ImdsServer server_{source_, server_clock_};
  std::unique_ptr<aws::HttpTransport> transport_ = aws::make_beast_transport({});
};

TEST_F(ImdsServerTest, SpawnsImdsClientReadsEverythingItNeeds) {
  auto metadata = test::instance_metadata("i-00000000000000021", "127.0.0.21");
  metadata.tags_enabled = true;
  auto endpoint = open(metadata);
  EXPECT_TRUE(endpoint.starts_with("http://127.0.0.21:")) << endpoint;
  auto client = client_for(endpoint);
  EXPECT_EQ(client->instance_id().value_or("?"), "i-00000000000000021");
  EXPECT_EQ(client->region().value_or("?"), "eu-west-1");
  auto tags = client->instance_tags();
  ASSERT_TRUE(tags) << tags.error().message;
  EXPECT_EQ((*tags)["Name"], "worker");
  auto identity = client->identity_document();
  ASSERT_TRUE(identity) << identity.error().message;
  EXPECT_EQ(identity->account_id, "123456789012");
  EXPECT_EQ(identity->instance_type, "t3.micro");
  EXPECT_EQ(identity->private_ip, "127.0.0.21");
  auto credentials = client->role_credentials();
  ASSERT_TRUE(credentials) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id, "ASIALOCALCLOUDROLE1");
  EXPECT_EQ(credentials->session_token, "session-token-for-i-00000000000000021");
  EXPECT_TRUE(credentials->expiration.has_value());
}

TEST_F(ImdsServerTest, SpotNoticeAndTagsAreReadFreshOnEveryRequest) {
  auto metadata = test::instance_metadata("i-00000000000000022", "127.0.0.22");
  metadata.tags_enabled = true;
  auto client = client_for(open(metadata));
  auto before = client->spot_instance_action();
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_FALSE(before->has_value());
  metadata.spot_instance_action = R"({"action": "terminate", "time": "2026-01-01T01:02:00Z"})";
  metadata.tags["Stage"] = "interrupted";
  source_.set(metadata);
  auto after = client->spot_instance_action();
  ASSERT_TRUE(after && after->has_value());
  EXPECT_EQ((*after)->action, "terminate");
  EXPECT_EQ(client->get("tags/instance/Stage").value_or("?"), "interrupted");
}

TEST_F(ImdsServerTest, EachInstanceAnswersOnItsOwnAddress) {
  auto first = open(test::instance_metadata("i-00000000000000023", "127.0.0.23"));
  auto second = open(test::instance_metadata("i-00000000000000024", "127.0.0.24"));
  EXPECT_EQ(client_for(first)->instance_id().value_or("?"), "i-00000000000000023");
  EXPECT_EQ(client_for(second)->instance_id().value_or("?"), "i-00000000000000024");
  EXPECT_EQ(server_.endpoint("i-00000000000000024"), second);
}

TEST_F(ImdsServerTest, ErrorStatusesOverHttp) {
  auto endpoint = open(test::instance_metadata("i-00000000000000025", "127.0.0.25"));
  auto status = [](const Result<aws::HttpResponse>& response) {
    return response ? response->status : -1;
  };
  EXPECT_EQ(status(send(endpoint, "PUT", "/latest/api/token")), 400);
  EXPECT_EQ(status(send(endpoint, "PUT", "/latest/api/token",
                        {{"X-aws-ec2-metadata-token-ttl-seconds", "60"},
                         {"X-Forwarded-For", "203.0.113.9"}})),
            403);
  EXPECT_EQ(status(send(endpoint, "GET", "/latest/meta-data/instance-id",
                        {{"X-aws-ec2-metadata-token", "forged"}})),
            401);
  EXPECT_EQ(status(send(endpoint, "GET", "/latest/meta-data/instance-id")), 401);
  auto valid = token(endpoint);
  EXPECT_EQ(status(send(endpoint, "GET", "/latest/meta-data/unknown",
                        {{"X-aws-ec2-metadata-token", valid}})),
            404);
  auto answered = send(endpoint, "GET", "/latest/meta-data/instance-type",
                       {{"X-aws-ec2-metadata-token", valid}});
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->body, "t3.micro");
  EXPECT_EQ(answered->header("Content-Type").value_or(""), "text/plain");
}

TEST_F(ImdsServerTest, TokensExpireWithTheirTtl) {
  auto endpoint = open(test::instance_metadata("i-00000000000000026", "127.0.0.26"));
  auto response =
      send(endpoint, "PUT", "/latest/api/token", {{"X-aws-ec2-metadata-token-ttl-seconds", "5"}});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->header("X-aws-ec2-metadata-token-ttl-seconds").value_or(""), "5");
  auto get = [&] {
    auto answer = send(endpoint, "GET", "/latest/meta-data/instance-id",
                       {{"X-aws-ec2-metadata-token", response->body}});
    return answer ? answer->status : -1;
  };
  EXPECT_EQ(get(), 200);
  server_clock_.advance(6s);
  EXPECT_EQ(get(), 401);
}

TEST_F(ImdsServerTest, CredentialsAreCachedUntilFiveMinutesBeforeExpiry) {
  auto endpoint = open(test::instance_metadata("i-00000000000000027", "127.0.0.27"));
  auto path = "/latest/meta-data/iam/security-credentials/spawn-instance";
  auto fetch = [&] {
    return send(endpoint, "GET", path, {{"X-aws-ec2-metadata-token", token(endpoint)}});
  };
  ASSERT_TRUE(fetch());
  ASSERT_TRUE(fetch());
  EXPECT_EQ(source_.credential_calls(), 1);
  server_clock_.advance(56min);  // the fake's keys expire an hour after the test started
  auto refreshed = fetch();
  ASSERT_TRUE(refreshed);
  EXPECT_EQ(source_.credential_calls(), 2);
  EXPECT_NE(refreshed->body.find("ASIALOCALCLOUDROLE2"), std::string::npos);
}

TEST_F(ImdsServerTest, ShutdownPostReachesTheMetadataSource) {
  auto endpoint = open(test::instance_metadata("i-00000000000000028", "127.0.0.28"));
  auto response = send(endpoint, "POST", "/_localcloud/shutdown");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_TRUE(test::eventually([&] {
    return source_.shutdown_requests() == std::vector<std::string>{"i-00000000000000028"};
  }));
}

TEST_F(ImdsServerTest, ClosedListenersStopAnswering) {
  auto endpoint = open(test::instance_metadata("i-00000000000000029", "127.0.0.29"));
  ASSERT_FALSE(token(endpoint).empty());
  server_.close("i-00000000000000029");
  EXPECT_FALSE(server_.endpoint("i-00000000000000029"));
  EXPECT_TRUE(test::eventually([&] {
    return !send(endpoint, "PUT", "/latest/api/token",
                 {{"X-aws-ec2-metadata-token-ttl-seconds", "60"}, {"Connection", "close"}});
  }));
}

TEST_F(ImdsServerTest, OpeningTwiceOrOnABadAddressFails) {
  open(test::instance_metadata("i-00000000000000030", "127.0.0.30"));
  auto twice = server_.open("i-00000000000000030", "127.0.0.30", "");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().kind, ErrorKind::conflict);
  auto bad = server_.open("i-00000000000000031", "not-an-ip", "");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::usage);
}

}  // namespace
}  // namespace spawn::localcloud
