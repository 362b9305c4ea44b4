#include "aws/sso_credentials.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "fake_transport.hpp"
#include "util/file.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {
namespace {

using namespace std::chrono_literals;
using spawn::testing::FakeTransport;

SystemTime at(std::string_view iso) {
  return *parse_iso8601(iso);
}

constexpr std::string_view kPortalAnswer = R"({"roleCredentials": {
    "accessKeyId": "ASIASSOEXAMPLE", "secretAccessKey": "sso-secret",
    "sessionToken": "sso-session-token", "expiration": 1767229200000}})";  // 2026-01-01T01:00:00Z

SsoSettings session_settings() {
  return SsoSettings{.profile = "dev",
                     .session_name = "my-sso",
                     .start_url = "https://example.awsapps.com/start",
                     .region = "eu-west-1",
                     .account_id = "123456789012",
                     .role_name = "Power+User"};
}

// A temporary HOME with ~/.aws/sso/cache, removed afterwards.
class SsoTest : public ::testing::Test {
 protected:
  SsoTest()
      : home_(std::filesystem::temp_directory_path() /
              fmt::format("spawn-sso-test-{}-{}", ::getpid(), counter_++)),
        env_({{"HOME", home_.string()}}) {
    std::filesystem::create_directories(cache_dir());
  }
  ~SsoTest() override { std::filesystem::remove_all(home_); }

  std::filesystem::path cache_dir() const { return home_ / ".aws" / "sso" / "cache"; }
  void write_token(const SsoSettings& settings, std::string_view expires_at) {
    auto json = fmt::format(
        R"({{"startUrl": "{}", "region": "{}", "accessToken": "sso-access-token",
            "expiresAt": "{}"}})",
        settings.start_url, settings.region, expires_at);
    ASSERT_TRUE(write_file_atomic(sso_token_path(cache_dir(), settings), json));
  }
  std::unique_ptr<CredentialsProvider> provider(SsoSettings settings) {
    SsoCredentialsProvider::Deps deps{transport, clock, *sso_cache_dir(env_),
                                      *Url::parse("https://portal.sso.eu-west-1.amazonaws.com")};
    return std::make_unique<SsoCredentialsProvider>(std::move(settings), std::move(deps));
  }

  static inline int counter_ = 0;
  std::filesystem::path home_;
  MapEnvironment env_;
  FakeTransport transport;
  FakeClock clock{at("2026-01-01T00:00:00Z")};
};

TEST(SsoTokenPath, HashesTheSessionNameOrTheLegacyStartUrl) {
  auto settings = session_settings();
  // The names botocore's SSOTokenLoader gives (checked with Debian's awscli 2.9.19).
  EXPECT_EQ(sso_token_path("/c", settings).filename(),
            "0ad374308c5a4e22f723adf10145eafad7c4031c.json");
  settings.session_name.clear();
  EXPECT_EQ(sso_token_path("/c", settings).filename(),
            "e8be5486177c5b5392bd9aa76563515b29358e6e.json");
}

TEST_F(SsoTest, ReadsTheCacheDirUnderHome) {
  EXPECT_EQ(*sso_cache_dir(env_), cache_dir());
}

TEST_F(SsoTest, TradesTheCachedTokenForRoleCredentials) {
  auto settings = session_settings();
  write_token(settings, "2026-01-01T08:00:00Z");
  transport.reply(200, std::string(kPortalAnswer));

  auto credentials = provider(settings)->credentials();
  ASSERT_TRUE(credentials) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id, "ASIASSOEXAMPLE");
  EXPECT_EQ(credentials->secret_access_key, "sso-secret");
  EXPECT_EQ(credentials->session_token, "sso-session-token");
  EXPECT_EQ(credentials->expiration, at("2026-01-01T01:00:00Z"));
  EXPECT_NE(credentials->source.find("dev"), std::string::npos);

  ASSERT_EQ(transport.requests.size(), 1u);
  const auto& request = transport.requests[0];
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.url.to_string(),
            "https://portal.sso.eu-west-1.amazonaws.com/federation/"
            "credentials?account_id=123456789012&role_name=Power%2BUser");
  EXPECT_EQ(request.header("x-amz-sso_bearer_token"), "sso-access-token");
  EXPECT_FALSE(request.header("Authorization")) << "the portal call is not signed";
}

TEST_F(SsoTest, LegacyProfileUsesTheStartUrlCacheFile) {
  auto settings = session_settings();
  settings.session_name.clear();
  write_token(settings, "2026-01-01T08:00:00Z");
  transport.reply(200, std::string(kPortalAnswer));
  EXPECT_TRUE(provider(settings)->credentials());
}

TEST_F(SsoTest, CachesRoleCredentialsUntilNearExpiry) {
  auto settings = session_settings();
  write_token(settings, "2026-01-01T08:00:00Z");
  transport.reply(200, std::string(kPortalAnswer));
  auto sso = provider(settings);
  ASSERT_TRUE(sso->credentials());

  clock.advance(50min);
  ASSERT_TRUE(sso->credentials());
  EXPECT_EQ(transport.requests.size(), 1u);

  clock.advance(6min);
  transport.reply(200, std::string(kPortalAnswer));
  ASSERT_TRUE(sso->credentials());
  EXPECT_EQ(transport.requests.size(), 2u);
}

TEST_F(SsoTest, ExpiredTokenTellsTheUserToLogIn) {
  auto settings = session_settings();
  write_token(settings, "2025-12-31T23:59:59Z");

  auto credentials = provider(settings)->credentials();
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().kind, ErrorKind::auth);
  EXPECT_EQ(credentials.error().message, "Your SSO session for profile dev has expired");
  EXPECT_EQ(credentials.error().hint, "Run `aws sso login --profile dev`, then try again.");
  EXPECT_TRUE(transport.requests.empty());
}

TEST_F(SsoTest, MissingTokenTellsTheUserToLogIn) {
  auto credentials = provider(session_settings())->credentials();
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().kind, ErrorKind::auth);
  EXPECT_NE(credentials.error().hint.find("aws sso login --profile dev"), std::string::npos);
}

TEST_F(SsoTest, UnreadableTokenTellsTheUserToLogIn) {
  auto settings = session_settings();
  ASSERT_TRUE(write_file_atomic(sso_token_path(cache_dir(), settings), "{not json"));
  auto credentials = provider(settings)->credentials();
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().kind, ErrorKind::auth);
  EXPECT_NE(credentials.error().hint.find("aws sso login --profile dev"), std::string::npos);
}

TEST_F(SsoTest, PortalRejectingTheTokenTellsTheUserToLogIn) {
  auto settings = session_settings();
  write_token(settings, "2026-01-01T08:00:00Z");
  transport.reply(401, R"({"message": "Session token not found or invalid"})",
                  {{"x-amzn-ErrorType", "UnauthorizedException"}});

  auto credentials = provider(settings)->credentials();
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().kind, ErrorKind::auth);
  EXPECT_EQ(credentials.error().message, "Your SSO session for profile dev has expired");
  EXPECT_EQ(credentials.error().hint, "Run `aws sso login --profile dev`, then try again.");
}

TEST_F(SsoTest, OtherPortalErrorsKeepAwsDetails) {
  auto settings = session_settings();
  write_token(settings, "2026-01-01T08:00:00Z");
  transport.reply(429, R"({"message": "Rate exceeded"})",
                  {{"x-amzn-ErrorType", "TooManyRequestsException"}});

  auto credentials = provider(settings)->credentials();
  ASSERT_FALSE(credentials);
  ASSERT_TRUE(credentials.error().aws);
  EXPECT_EQ(credentials.error().aws->code, "TooManyRequestsException");
  EXPECT_EQ(credentials.error().aws->http_status, 429);
}

TEST_F(SsoTest, MalformedPortalAnswerIsAParseError) {
  auto settings = session_settings();
  write_token(settings, "2026-01-01T08:00:00Z");
  transport.reply(200, R"({"roleCredentials": {"accessKeyId": "A"}})");
  auto credentials = provider(settings)->credentials();
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().kind, ErrorKind::parse);
}

TEST(SsoPortalEndpoint, DefaultsToThePortalOfTheSsoRegion) {
  auto url = sso_portal_endpoint(EndpointResolver{}, "ap-southeast-2");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "portal.sso.ap-southeast-2.amazonaws.com");
  EXPECT_EQ(url->scheme, "https");
}

TEST(SsoPortalEndpoint, AnOverrideWins) {
  EndpointResolver endpoints(
      EndpointOverrides{.global = std::nullopt, .per_service = {{"SSO", "http://127.0.0.1:4566"}}});
  auto url = sso_portal_endpoint(endpoints, "eu-west-1");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, 4566);
}

}  // namespace
}  // namespace spawn::aws
