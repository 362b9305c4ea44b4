// The IMDS client over the real transport against a local server that behaves
// like IMDSv2 (token PUT with TTL, 401 without a valid token, 404 for absent
// items), so the wire details the fake transport cannot check are covered too.

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "aws/beast_transport.hpp"
#include "aws/imds.hpp"
#include "transport_test_servers.hpp"

namespace spawn::aws {
namespace {

using namespace std::chrono_literals;

constexpr int kMaxTtlSeconds = 21600;

class FakeImdsServer {
 public:
  FakeImdsServer() {
    running_.server.Put("/latest/api/token",
                        [this](const httplib::Request& request, httplib::Response& response) {
                          issue_token(request, response);
                        });
    running_.server.Get(R"(/latest/.*)",
                        [this](const httplib::Request& request, httplib::Response& response) {
                          answer(request, response);
                        });
    running_.start();
  }

  std::string endpoint() const { return fmt::format("http://127.0.0.1:{}", running_.port); }

  void set(const std::string& path, std::string body) {
    std::lock_guard lock(mutex_);
    items_[path] = std::move(body);
  }
  // Forgets every token issued, as IMDS does when an instance is stopped and started.
  void expire_tokens() {
    std::lock_guard lock(mutex_);
    valid_tokens_.clear();
  }
  int tokens_issued() const { return tokens_issued_; }
  int requests() const { return requests_; }

 private:
  void issue_token(const httplib::Request& request, httplib::Response& response) {
    ++requests_;
    auto ttl_text = request.get_header_value("X-aws-ec2-metadata-token-ttl-seconds");
    int ttl = std::atoi(ttl_text.c_str());
    if (ttl < 1 || ttl > kMaxTtlSeconds) {
      response.status = 400;
      return;
    }
    auto token = fmt::format("token-{}", ++tokens_issued_);
    {
      std::lock_guard lock(mutex_);
      valid_tokens_.insert(token);
    }
    response.set_header("X-aws-ec2-metadata-token-ttl-seconds", ttl_text);
    response.set_content(token, "text/plain");
  }

  void answer(const httplib::Request& request, httplib::Response& response) {
    ++requests_;
    std::lock_guard lock(mutex_);
    if (!valid_tokens_.contains(request.get_header_value("X-aws-ec2-metadata-token"))) {
      response.status = 401;
      return;
    }
    auto item = items_.find(request.path);
    if (item == items_.end()) {
      response.status = 404;
      response.set_content("<html><h1>404 - Not Found</h1></html>", "text/html");
      return;
    }
    response.set_content(item->second, "text/plain");
  }

  std::mutex mutex_;
  std::set<std::string> valid_tokens_;
  std::map<std::string, std::string> items_;
  std::atomic<int> tokens_issued_{0};
  std::atomic<int> requests_{0};
  // Last, so the server stops before the state its handlers use is destroyed.
  spawn::testing::RunningServer<httplib::Server> running_;
};

class ImdsServerTest : public ::testing::Test {
 protected:
  ImdsServerTest() {
    server.set("/latest/meta-data/instance-id", "i-0123456789abcdef0");
    server.set("/latest/meta-data/placement/region", "eu-west-1");
    server.set("/latest/meta-data/tags/instance", "Name\nspawn:ttl");
    server.set("/latest/meta-data/tags/instance/Name", "worker 1");
    server.set("/latest/meta-data/tags/instance/spawn:ttl", "8h");
  }
  ImdsConfig config(std::map<std::string, std::string, std::less<>> extra = {}) {
    extra["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = server.endpoint();
    return *imds_config_from_env(MapEnvironment(std::move(extra)));
  }

  FakeImdsServer server;
  std::unique_ptr<HttpTransport> transport = make_beast_transport(TransportOptions{});
  SystemClock clock;
  ImdsClient imds{*transport, clock, config()};
};

TEST_F(ImdsServerTest, TheFakeServerInsistsOnATokenLikeImdsV2) {
  HttpRequest request;
  request.url = *Url::parse(server.endpoint() + "/latest/meta-data/instance-id");
  auto answer = transport->send(request, Timeouts{});
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->status, 401);
}

TEST_F(ImdsServerTest, ReadsMetadataWithOneToken) {
  EXPECT_EQ(imds.instance_id().value(), "i-0123456789abcdef0");
  EXPECT_EQ(imds.region().value(), "eu-west-1");
  auto tags = imds.instance_tags();
  ASSERT_TRUE(tags) << tags.error().message;
  EXPECT_EQ(*tags, (std::map<std::string, std::string>{{"Name", "worker 1"}, {"spawn:ttl", "8h"}}));
  EXPECT_EQ(server.tokens_issued(), 1);
}

TEST_F(ImdsServerTest, UnknownPathIsNotFound) {
  auto answer = imds.get("no/such/item");
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().kind, ErrorKind::not_found);
}

TEST_F(ImdsServerTest, SpotNoticeAppearsWhenEc2SendsIt) {
  auto before = imds.spot_instance_action();
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_FALSE(before->has_value());

  server.set("/latest/meta-data/spot/instance-action",
             R"({"action": "terminate", "time": "2026-03-01T12:02:00Z"})");
  auto after = imds.spot_instance_action();
  ASSERT_TRUE(after && after->has_value());
  EXPECT_EQ((*after)->action, "terminate");
}

TEST_F(ImdsServerTest, AStaleTokenIsRenewedOnce) {
  ASSERT_TRUE(imds.instance_id());
  server.expire_tokens();
  auto answer = imds.instance_id();
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(server.tokens_issued(), 2);
}

TEST_F(ImdsServerTest, ConcurrentCallersShareOneToken) {
  constexpr int kThreads = 8;
  constexpr int kCallsPerThread = 10;
  std::atomic<int> successes{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < kThreads; ++i) {
    callers.emplace_back([&] {
      for (int call = 0; call < kCallsPerThread; ++call) {
        if (imds.region()) {
          ++successes;
        }
      }
    });
  }
  for (auto& caller : callers) {
    caller.join();
  }
  EXPECT_EQ(successes, kThreads * kCallsPerThread);
  EXPECT_EQ(server.tokens_issued(), 1);
}

TEST_F(ImdsServerTest, DisabledClientNeverCallsTheServer) {
  ImdsClient disabled(*transport, clock, config({{"AWS_EC2_METADATA_DISABLED", "true"}}));
  auto answer = disabled.instance_id();
  ASSERT_FALSE(answer);
  EXPECT_NE(answer.error().message.find("disabled"), std::string::npos);
  EXPECT_EQ(server.requests(), 0);
}

}  // namespace
}  // namespace spawn::aws
