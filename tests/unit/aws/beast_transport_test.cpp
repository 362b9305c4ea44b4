// The Beast transport against real local servers over plain HTTP: round trips,
// keep-alive, timeouts, refused connections, big and chunked bodies, HTTP
// proxies, and concurrent use. TLS is in beast_transport_tls_test.cpp.
#include "aws/beast_transport.hpp"

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>

#include "transport_test_servers.hpp"

namespace spawn::aws {
namespace {

using namespace std::chrono_literals;
using testing::RawServer;
using testing::RunningServer;

constexpr auto kTestTimeouts = Timeouts{2s, 5s};
constexpr const char* kUserAgent = "spawn-test/1.0";

std::unique_ptr<HttpTransport> make_transport(ProxySettings proxy = {},
                                              std::size_t max_body = kMaxResponseBodyBytes) {
  return make_beast_transport(TransportOptions{CaBundle{}, std::move(proxy), kUserAgent, max_body});
}

HttpRequest request_to(int port, std::string method, std::string path_and_query) {
  HttpRequest request;
  request.method = std::move(method);
  request.url = *Url::parse(fmt::format("http://127.0.0.1:{}{}", port, path_and_query));
  return request;
}

class BeastTransportTest : public ::testing::Test {
 protected:
  void record_peer(const httplib::Request& request) {
    std::lock_guard lock(mutex_);
    peer_ports_.insert(request.remote_port);
  }
  std::size_t connections_seen() {
    std::lock_guard lock(mutex_);
    return peer_ports_.size();
  }

  // Lets a handler block until the test releases it.
  void wait_for_release() {
    std::unique_lock lock(mutex_);
    released_signal_.wait_for(lock, 30s, [&] { return released_; });
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      released_ = true;
    }
    released_signal_.notify_all();
  }

  // Declared before the server, so they outlive its handler threads.
  std::mutex mutex_;
  std::condition_variable released_signal_;
  bool released_ = false;
  std::set<int> peer_ports_;
  RunningServer<httplib::Server> server_;
  std::unique_ptr<HttpTransport> transport_ = make_transport();
};

TEST_F(BeastTransportTest, GetRoundTripCarriesHeadersBothWays) {
  httplib::Request seen;
  server_.server.Get("/items", [&](const httplib::Request& request, httplib::Response& response) {
    seen = request;
    response.set_header("x-amzn-RequestId", "req-1");
    response.set_content("hello", "text/plain");
  });
  server_.start();
  auto request = request_to(server_.port, "GET", "/items?name=a%20b&n=1");
  request.headers = {{"X-Amz-Date", "20240301T120000Z"}};
  auto response = transport_->send(request, kTestTimeouts);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "hello");
  EXPECT_EQ(response->header("X-Amzn-RequestId"), "req-1");
  EXPECT_EQ(response->header("Content-Type"), "text/plain");
  EXPECT_EQ(seen.target, "/items?name=a%20b&n=1");
  EXPECT_EQ(seen.get_header_value("X-Amz-Date"), "20240301T120000Z");
  EXPECT_EQ(seen.get_header_value("User-Agent"), kUserAgent);
  EXPECT_EQ(seen.get_header_value("Host"), fmt::format("127.0.0.1:{}", server_.port));
}

TEST_F(BeastTransportTest, PostSendsTheBodyWithItsLength) {
  httplib::Request seen;
  server_.server.Post("/", [&](const httplib::Request& request, httplib::Response& response) {
    seen = request;
    response.status = 400;
    response.set_content("<Response><Errors/></Response>", "text/xml");
  });
  server_.start();
  auto request = request_to(server_.port, "POST", "/");
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                     {"Content-Length", "999"}};
  request.body = "Action=DescribeRegions&Version=2016-11-15";
  auto response = transport_->send(request, kTestTimeouts);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(response->body, "<Response><Errors/></Response>");
  EXPECT_EQ(seen.body, request.body);
  EXPECT_EQ(seen.get_header_value("Content-Length"), std::to_string(request.body.size()));
  EXPECT_EQ(seen.get_header_value("Content-Type"), request.headers[0].second);
}

TEST_F(BeastTransportTest, EmptyPutSaysContentLengthZero) {
  std::string length = "unset";
  server_.server.Put("/latest/api/token",
                     [&](const httplib::Request& request, httplib::Response& response) {
                       length = request.get_header_value("Content-Length");
                       response.set_content("token", "text/plain");
                     });
  server_.start();
  auto response =
      transport_->send(request_to(server_.port, "PUT", "/latest/api/token"), kTestTimeouts);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "token");
  EXPECT_EQ(length, "0");
}

TEST_F(BeastTransportTest, HeadDoesNotWaitForABody) {
  server_.server.Get("/object", [](const httplib::Request&, httplib::Response& response) {
    response.set_content(std::string(1000, 'x'), "application/octet-stream");
  });
  server_.start();
  auto response = transport_->send(request_to(server_.port, "HEAD", "/object"), kTestTimeouts);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->header("Content-Length"), "1000");
  EXPECT_EQ(response->body, "");
}

TEST_F(BeastTransportTest, SequentialRequestsReuseOneConnection) {
  server_.server.Get("/", [&](const httplib::Request& request, httplib::Response& response) {
    record_peer(request);
    response.set_content("ok", "text/plain");
  });
  server_.start();
  for (int i = 0; i < 3; ++i) {
    auto response = transport_->send(request_to(server_.port, "GET", "/"), kTestTimeouts);
    ASSERT_TRUE(response) << response.error().message;
  }
  EXPECT_EQ(connections_seen(), 1u);
}

TEST_F(BeastTransportTest, ConnectionCloseIsHonoured) {
  server_.server.Get("/", [&](const httplib::Request& request, httplib::Response& response) {
    record_peer(request);
    response.set_header("Connection", "close");
    response.set_content("ok", "text/plain");
  });
  server_.start();
  ASSERT_TRUE(transport_->send(request_to(server_.port, "GET", "/"), kTestTimeouts));
  ASSERT_TRUE(transport_->send(request_to(server_.port, "GET", "/"), kTestTimeouts));
  EXPECT_EQ(connections_seen(), 2u);
}

TEST_F(BeastTransportTest, ReadTimeoutIsReportedWithinTheLimit) {
  server_.server.Get("/slow", [&](const httplib::Request&, httplib::Response& response) {
    wait_for_release();
    response.set_content("late", "text/plain");
  });
  server_.start();
  auto started = std::chrono::steady_clock::now();
  auto response = transport_->send(request_to(server_.port, "GET", "/slow"), Timeouts{2s, 300ms});
  auto elapsed = std::chrono::steady_clock::now() - started;
  release();
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::timeout);
  EXPECT_NE(response.error().message.find(fmt::format("127.0.0.1:{}", server_.port)),
            std::string::npos)
      << response.error().message;
  EXPECT_GE(elapsed, 300ms);
  EXPECT_LT(elapsed, 3s);
}

TEST(BeastTransport, RefusedConnectionIsANetworkErrorNamingTheEndpoint) {
  testing::LoopbackSocket bound_not_listening;
  auto transport = make_transport();
  auto response =
      transport->send(request_to(bound_not_listening.port(), "GET", "/"), kTestTimeouts);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  EXPECT_EQ(response.error().message,
            fmt::format("cannot connect to 127.0.0.1:{}: Connection refused",
                        bound_not_listening.port()));
}

TEST(BeastTransport, UnknownHostIsANetworkError) {
  auto transport = make_transport();
  HttpRequest request;
  request.url = *Url::parse("http://no-such-host.invalid/");
  auto response = transport->send(request, kTestTimeouts);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  EXPECT_NE(response.error().message.find("no-such-host.invalid"), std::string::npos)
      << response.error().message;
}

TEST_F(BeastTransportTest, LargeBodyArrivesWhole) {
  std::string large(8 << 20, '\0');
  for (std::size_t i = 0; i < large.size(); ++i)
    large[i] = static_cast<char>('a' + i % 26);
  server_.server.Get("/big", [&](const httplib::Request&, httplib::Response& response) {
    response.set_content(large, "application/octet-stream");
  });
  server_.start();
  auto response = transport_->send(request_to(server_.port, "GET", "/big"), kTestTimeouts);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body.size(), large.size());
  EXPECT_TRUE(response->body == large);
}

TEST_F(BeastTransportTest, BodyOverTheLimitIsRefused) {
  server_.server.Get("/big", [](const httplib::Request&, httplib::Response& response) {
    response.set_content(std::string(3 << 20, 'x'), "application/octet-stream");
  });
  server_.start();
  auto limited = make_transport({}, 1 << 20);
  auto response = limited->send(request_to(server_.port, "GET", "/big"), kTestTimeouts);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  EXPECT_NE(response.error().message.find("1 MiB"), std::string::npos) << response.error().message;
}

TEST(BeastTransport, BodyOverTheLimitIsRefusedWhenItArrivesWithTheHead) {
  // One write: the head and the first body bytes reach the client in the same read.
  RawServer server([](int fd) {
    testing::read_head(fd);
    testing::write_all(
        fd, "HTTP/1.1 200 OK\r\nContent-Length: 2097152\r\n\r\n" + std::string(1000, 'x'));
  });
  auto response =
      make_transport({}, 1 << 20)->send(request_to(server.port(), "GET", "/"), kTestTimeouts);
  ASSERT_FALSE(response);
  EXPECT_NE(response.error().message.find("1 MiB"), std::string::npos) << response.error().message;
}

TEST_F(BeastTransportTest, ChunkedBodyOverTheLimitIsRefused) {
  server_.server.Get("/chunked", [](const httplib::Request&, httplib::Response& response) {
    response.set_chunked_content_provider("text/plain", [](size_t, httplib::DataSink& sink) {
      std::string piece(256 << 10, 'y');
      for (int i = 0; i < 8; ++i)
        sink.write(piece.data(), piece.size());
      sink.done();
      return true;
    });
  });
  server_.start();
  auto limited = make_transport({}, 1 << 20);
  auto response = limited->send(request_to(server_.port, "GET", "/chunked"), kTestTimeouts);
  ASSERT_FALSE(response);
  EXPECT_NE(response.error().message.find("1 MiB"), std::string::npos) << response.error().message;
}

TEST_F(BeastTransportTest, ChunkedBodyIsReassembled) {
  server_.server.Get("/chunked", [](const httplib::Request&, httplib::Response& response) {
    response.set_chunked_content_provider("text/plain", [](size_t offset, httplib::DataSink& sink) {
      if (offset == 0)
        sink.write("first,", 6);
      sink.write("second", 6);
      sink.done();
      return true;
    });
  });
  server_.start();
  auto response = transport_->send(request_to(server_.port, "GET", "/chunked"), kTestTimeouts);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->header("Transfer-Encoding"), "chunked");
  EXPECT_EQ(response->body, "first,second");
}

TEST_F(BeastTransportTest, ConcurrentSendsFromManyThreadsAllSucceed) {
  std::atomic<int> served{0};
  server_.server.Get(R"(/n/(\d+))",
                     [&](const httplib::Request& request, httplib::Response& response) {
                       ++served;
                       response.set_content(std::string(request.matches[1]), "text/plain");
                     });
  server_.start();
  constexpr int kThreads = 6;
  constexpr int kRequestsEach = 10;
  std::atomic<int> correct{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRequestsEach; ++i) {
        auto n = std::to_string(t * 100 + i);
        auto response = transport_->send(request_to(server_.port, "GET", "/n/" + n), kTestTimeouts);
        if (response && response->body == n)
          ++correct;
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  EXPECT_EQ(correct, kThreads * kRequestsEach);
  EXPECT_EQ(served, kThreads * kRequestsEach);
}

TEST(BeastTransport, ConnectionClosedWhileIdleIsRetriedOnAFreshOne) {
  // Answers one request per connection, then closes it without saying so.
  RawServer server([](int fd) {
    if (testing::read_head(fd).empty())
      return;
    testing::write_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  });
  auto transport = make_transport();
  for (int i = 0; i < 3; ++i) {
    auto response = transport->send(request_to(server.port(), "GET", "/"), kTestTimeouts);
    ASSERT_TRUE(response) << "request " << i << ": " << response.error().message;
    EXPECT_EQ(response->body, "ok");
  }
  EXPECT_EQ(server.connections(), 3);
}

TEST(BeastTransport, HttpUrlsGoToTheProxyInAbsoluteForm) {
  std::mutex mutex;
  std::string head_seen;
  RawServer proxy([&](int fd) {
    auto head = testing::read_head(fd);
    {
      std::lock_guard lock(mutex);
      head_seen = head;
    }
    testing::write_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nvia proxy!");
  });
  ProxySettings settings;
  settings.http_proxy = *Url::parse(fmt::format("http://127.0.0.1:{}", proxy.port()));
  auto transport = make_transport(settings);
  HttpRequest request;
  request.url = *Url::parse("http://bucket.s3.example.invalid:4566/key?x=1");
  auto response = transport->send(request, kTestTimeouts);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "via proxy!");
  std::lock_guard lock(mutex);
  EXPECT_TRUE(
      head_seen.starts_with("GET http://bucket.s3.example.invalid:4566/key?x=1 HTTP/1.1\r\n"))
      << head_seen;
  EXPECT_NE(head_seen.find("Host: bucket.s3.example.invalid:4566\r\n"), std::string::npos)
      << head_seen;
}

TEST_F(BeastTransportTest, NoProxyHostsConnectDirectly) {
  server_.server.Get("/", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("direct", "text/plain");
  });
  server_.start();
  testing::LoopbackSocket dead_proxy;
  ProxySettings settings;
  settings.http_proxy = *Url::parse(fmt::format("http://127.0.0.1:{}", dead_proxy.port()));
  settings.no_proxy = {"127.0.0.1"};
  auto response =
      make_transport(settings)->send(request_to(server_.port, "GET", "/"), kTestTimeouts);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "direct");
}

TEST(BeastTransport, UnreachableProxyIsNamedInTheError) {
  testing::LoopbackSocket dead_proxy;
  ProxySettings settings;
  settings.http_proxy = *Url::parse(fmt::format("http://127.0.0.1:{}", dead_proxy.port()));
  auto response = make_transport(settings)->send(request_to(1, "GET", "/"), kTestTimeouts);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  EXPECT_EQ(
      response.error().message,
      fmt::format("cannot connect to proxy 127.0.0.1:{}: Connection refused", dead_proxy.port()));
}

TEST(TransportOptions, ComeFromTheEnvironment) {
  auto bundle =
      std::filesystem::temp_directory_path() / fmt::format("spawn-options-{}.pem", ::getpid());
  std::ofstream(bundle) << "-----BEGIN CERTIFICATE-----\n";
  MapEnvironment env({{"AWS_CA_BUNDLE", bundle.string()},
                      {"HTTPS_PROXY", "http://proxy.corp:3128"},
                      {"NO_PROXY", ".internal"}});
  auto options = transport_options_from_env(env, std::nullopt, "spawn/0.1.0");
  std::filesystem::remove(bundle);
  ASSERT_TRUE(options) << options.error().message;
  EXPECT_EQ(options->ca_bundle.file, bundle);
  ASSERT_TRUE(options->proxy.https_proxy);
  EXPECT_EQ(options->proxy.https_proxy->host, "proxy.corp");
  EXPECT_EQ(options->proxy.no_proxy, std::vector<std::string>{".internal"});
  EXPECT_EQ(options->user_agent, "spawn/0.1.0");
  EXPECT_EQ(options->max_response_body, kMaxResponseBodyBytes);
}

TEST(TransportOptions, MissingExplicitCaBundleIsAnError) {
  MapEnvironment env(std::map<std::string, std::string, std::less<>>{
      {"AWS_CA_BUNDLE", "/nonexistent/spawn/ca.pem"}});
  auto options = transport_options_from_env(env, std::nullopt, "spawn");
  ASSERT_FALSE(options);
  EXPECT_EQ(options.error().kind, ErrorKind::usage);
  EXPECT_NE(options.error().message.find("/nonexistent/spawn/ca.pem"), std::string::npos);
}

TEST(BeastTransport, HttpsProxyIsRefusedAsUnsupported) {
  ProxySettings settings;
  settings.http_proxy = *Url::parse("https://proxy.example.invalid:3128");
  auto response = make_transport(settings)->send(request_to(1, "GET", "/"), kTestTimeouts);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::usage);
  EXPECT_NE(response.error().message.find("https://proxy.example.invalid:3128"), std::string::npos)
      << response.error().message;
}

}  // namespace
}  // namespace spawn::aws
