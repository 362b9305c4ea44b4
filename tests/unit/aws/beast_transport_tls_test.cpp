// The Beast transport over TLS, against a local httplib SSLServer whose
// certificate the test makes with OpenSSL at run time: trust, host-name and
// IP checks, SNI, keep-alive, handshake timeouts, and CONNECT tunnels.
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <poll.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>

#include "aws/beast_transport.hpp"
#include "transport_test_servers.hpp"

namespace spawn::aws {
namespace {

using namespace std::chrono_literals;
using testing::RawServer;
using testing::RunningServer;

constexpr auto kTestTimeouts = Timeouts{2s, 5s};
constexpr int kValiditySeconds = 24 * 3600;

// A self-signed certificate and its key, made fresh for each test.
class TestCertificate {
 public:
  explicit TestCertificate(const std::string& subject_alt_names)
      : key_(EVP_EC_gen("P-256")), cert_(X509_new()) {
    X509_set_version(cert_, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert_), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert_), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert_), kValiditySeconds);
    X509_set_pubkey(cert_, key_);
    X509_NAME* name = X509_get_subject_name(cert_);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("spawn test"), -1, -1, 0);
    X509_set_issuer_name(cert_, name);
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, cert_, cert_, nullptr, nullptr, 0);
    X509_EXTENSION* extension =
        X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, subject_alt_names.c_str());
    X509_add_ext(cert_, extension, -1);
    X509_EXTENSION_free(extension);
    X509_sign(cert_, key_, EVP_sha256());
  }
  ~TestCertificate() {
    X509_free(cert_);
    EVP_PKEY_free(key_);
  }
  TestCertificate(const TestCertificate&) = delete;
  TestCertificate& operator=(const TestCertificate&) = delete;

  X509* cert() const { return cert_; }
  EVP_PKEY* key() const { return key_; }

  // Writes the certificate as PEM to `path` (a CA bundle holding just this certificate).
  void write_pem(const std::filesystem::path& path) const {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert_);
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    std::ofstream(path, std::ios::binary).write(data, size);
    BIO_free(bio);
  }

 private:
  EVP_PKEY* key_;
  X509* cert_;
};

// Opens a TCP connection to 127.0.0.1:port; -1 on failure.
int connect_loopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Copies bytes both ways between two sockets until either side closes.
void relay(int a, int b) {
  pollfd fds[2] = {{a, POLLIN, 0}, {b, POLLIN, 0}};
  char buffer[16384];
  while (::poll(fds, 2, -1) > 0) {
    for (int i = 0; i < 2; ++i) {
      if (fds[i].revents == 0)
        continue;
      auto count = ::read(fds[i].fd, buffer, sizeof buffer);
      if (count <= 0)
        return;
      testing::write_all(fds[1 - i].fd, {buffer, static_cast<std::size_t>(count)});
    }
  }
}

class BeastTlsTest : public ::testing::Test {
 protected:
  BeastTlsTest() {
    bundle_ = std::filesystem::temp_directory_path() /
              fmt::format("spawn-tls-{}-{}.pem", ::getpid(),
                          ::testing::UnitTest::GetInstance()->current_test_info()->name());
    certificate_.write_pem(bundle_);
    server_.server.Get("/", [this](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard lock(mutex_);
      peer_ports_.insert(request.remote_port);
      const char* sni = SSL_get_servername(request.ssl, TLSEXT_NAMETYPE_host_name);
      server_names_.insert(sni == nullptr ? "(none)" : sni);
      response.set_content("secure hello", "text/plain");
    });
    server_.start();
  }
  ~BeastTlsTest() override { std::filesystem::remove(bundle_); }

  std::unique_ptr<HttpTransport> transport(const std::filesystem::path& bundle,
                                           ProxySettings proxy = {}) {
    return make_beast_transport(
        TransportOptions{CaBundle{bundle, std::nullopt}, std::move(proxy), "spawn-test"});
  }

  HttpRequest get(const std::string& host) {
    HttpRequest request;
    request.url = *Url::parse(fmt::format("https://{}:{}/", host, server_.port));
    return request;
  }

  std::mutex mutex_;
  std::set<int> peer_ports_;
  std::set<std::string> server_names_;
  TestCertificate certificate_{"IP:127.0.0.1,DNS:localhost"};
  std::filesystem::path bundle_;
  RunningServer<httplib::SSLServer> server_{certificate_.cert(), certificate_.key()};
};

TEST_F(BeastTlsTest, TrustedCertificateForAnIpAddress) {
  auto response = transport(bundle_)->send(get("127.0.0.1"), kTestTimeouts);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "secure hello");
  std::lock_guard lock(mutex_);
  EXPECT_EQ(server_names_, std::set<std::string>{"(none)"});  // SNI never carries an IP
}

TEST_F(BeastTlsTest, TrustedCertificateForAHostNameSendsSni) {
  auto response = transport(bundle_)->send(get("localhost"), kTestTimeouts);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "secure hello");
  std::lock_guard lock(mutex_);
  EXPECT_EQ(server_names_, std::set<std::string>{"localhost"});
}

TEST_F(BeastTlsTest, KeepAliveWorksOverTls) {
  auto client = transport(bundle_);
  ASSERT_TRUE(client->send(get("127.0.0.1"), kTestTimeouts));
  ASSERT_TRUE(client->send(get("127.0.0.1"), kTestTimeouts));
  std::lock_guard lock(mutex_);
  EXPECT_EQ(peer_ports_.size(), 1u);
}

TEST_F(BeastTlsTest, UntrustedCertificateIsRefusedWithAHint) {
  TestCertificate stranger("IP:127.0.0.1");
  auto other_bundle = bundle_.string() + ".other";
  stranger.write_pem(other_bundle);
  auto response = transport(other_bundle)->send(get("127.0.0.1"), kTestTimeouts);
  std::filesystem::remove(other_bundle);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  const auto& message = response.error().message;
  EXPECT_NE(
      message.find(fmt::format("cannot verify the TLS certificate of 127.0.0.1:{}", server_.port)),
      std::string::npos)
      << message;
  EXPECT_NE(message.find("AWS_CA_BUNDLE"), std::string::npos) << message;
}

TEST_F(BeastTlsTest, CertificateForAnotherNameIsRefused) {
  TestCertificate elsewhere("DNS:elsewhere.example");
  RunningServer<httplib::SSLServer> other(elsewhere.cert(), elsewhere.key());
  other.server.Get("/", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("should not be read", "text/plain");
  });
  other.start();
  auto other_bundle = bundle_.string() + ".elsewhere";
  elsewhere.write_pem(other_bundle);
  HttpRequest request;
  request.url = *Url::parse(fmt::format("https://127.0.0.1:{}/", other.port));
  auto response = transport(other_bundle)->send(request, kTestTimeouts);
  std::filesystem::remove(other_bundle);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  EXPECT_NE(response.error().message.find("mismatch"), std::string::npos)
      << response.error().message;
}

TEST_F(BeastTlsTest, UnreadableCaBundleFailsEverySendClearly) {
  auto garbage = bundle_.string() + ".garbage";
  std::ofstream(garbage) << "not a certificate\n";
  auto client = transport(garbage);
  auto response = client->send(get("127.0.0.1"), kTestTimeouts);
  std::filesystem::remove(garbage);
  ASSERT_FALSE(response);
  EXPECT_NE(response.error().message.find("cannot load the CA certificates from " + garbage),
            std::string::npos)
      << response.error().message;
}

TEST(BeastTls, SilentServerTimesOutDuringTheHandshake) {
  testing::LoopbackSocket silent;  // the kernel accepts; nobody ever answers
  silent.listen();
  auto client = make_beast_transport(TransportOptions{});
  HttpRequest request;
  request.url = *Url::parse(fmt::format("https://127.0.0.1:{}/", silent.port()));
  auto started = std::chrono::steady_clock::now();
  auto response = client->send(request, Timeouts{300ms, 5s});
  auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::timeout);
  EXPECT_NE(response.error().message.find("TLS handshake"), std::string::npos)
      << response.error().message;
  EXPECT_LT(elapsed, 3s);
}

TEST_F(BeastTlsTest, HttpsGoesThroughAConnectTunnel) {
  std::mutex proxy_mutex;
  std::string head_seen;
  RawServer proxy([&](int fd) {
    auto head = testing::read_head(fd);
    {
      std::lock_guard lock(proxy_mutex);
      head_seen = head;
    }
    int upstream = connect_loopback(server_.port);
    testing::write_all(fd, "HTTP/1.1 200 Connection established\r\n\r\n");
    relay(fd, upstream);
    ::close(upstream);
  });
  ProxySettings settings;
  settings.https_proxy = *Url::parse(fmt::format("http://127.0.0.1:{}", proxy.port()));
  auto client = transport(bundle_, settings);
  auto response = client->send(get("localhost"), kTestTimeouts);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "secure hello");
  client.reset();  // closes the tunnel, so the proxy's relay ends
  std::lock_guard lock(proxy_mutex);
  EXPECT_TRUE(head_seen.starts_with(fmt::format("CONNECT localhost:{} HTTP/1.1\r\n", server_.port)))
      << head_seen;
  EXPECT_NE(head_seen.find(fmt::format("Host: localhost:{}\r\n", server_.port)), std::string::npos)
      << head_seen;
}

TEST_F(BeastTlsTest, ProxyRefusingTheTunnelIsReported) {
  RawServer proxy([](int fd) {
    testing::read_head(fd);
    testing::write_all(fd,
                       "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
  });
  ProxySettings settings;
  settings.https_proxy = *Url::parse(fmt::format("http://127.0.0.1:{}", proxy.port()));
  auto response = transport(bundle_, settings)->send(get("127.0.0.1"), kTestTimeouts);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  EXPECT_EQ(response.error().message,
            fmt::format("proxy 127.0.0.1:{} refused a tunnel to 127.0.0.1:{}: HTTP 407 Proxy "
                        "Authentication Required",
                        proxy.port(), server_.port));
}

}  // namespace
}  // namespace spawn::aws
