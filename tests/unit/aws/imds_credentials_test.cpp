#include "aws/imds_credentials.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "fake_transport.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {
namespace {

using namespace std::chrono_literals;
using spawn::testing::FakeTransport;

SystemTime at(std::string_view iso) {
  return *parse_iso8601(iso);
}

MapEnvironment env_with(const std::string& name, const std::string& value) {
  MapEnvironment env;
  env.set(name, value);
  return env;
}

std::string role_json(std::string_view key_id, std::string_view expiration) {
  return fmt::format(
      R"({{"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": "{}", "SecretAccessKey": "secret",
          "Token": "token", "Expiration": "{}"}})",
      key_id, expiration);
}

class ImdsCredentialsTest : public ::testing::Test {
 protected:
  ImdsCredentialsTest() {
    auto env = env_with("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.2:1338");
    provider = std::move(*make_imds_credentials_provider(transport, clock, env));
  }
  // The IMDS session token is fetched on the first refresh and cached after that.
  enum class Token { fetched, cached };
  // Queues the answers of one refresh: token (if fetched), role listing, role credentials.
  void queue_refresh(std::string_view key_id, std::string_view expiration, Token token) {
    if (token == Token::fetched) {
      transport.reply(200, "token");
    }
    transport.reply(200, "spawn-role");
    transport.reply(200, role_json(key_id, expiration));
  }

  FakeTransport transport;
  FakeClock clock{at("2026-01-01T00:00:00Z")};
  std::unique_ptr<CredentialsProvider> provider;
};

TEST_F(ImdsCredentialsTest, CachesUntilFifteenMinutesBeforeExpiry) {
  queue_refresh("ASIAFIRST", "2026-01-01T01:00:00Z", Token::fetched);
  ASSERT_EQ(provider->credentials().value().access_key_id, "ASIAFIRST");
  auto requests_after_first = transport.requests.size();

  clock.advance(44min);
  ASSERT_EQ(provider->credentials().value().access_key_id, "ASIAFIRST");
  EXPECT_EQ(transport.requests.size(), requests_after_first) << "still fresh: no request";

  clock.advance(2min);
  queue_refresh("ASIASECOND", "2026-01-01T02:00:00Z", Token::cached);
  EXPECT_EQ(provider->credentials().value().access_key_id, "ASIASECOND");
}

TEST_F(ImdsCredentialsTest, KeepsValidCredentialsWhenARefreshFails) {
  queue_refresh("ASIAFIRST", "2026-01-01T01:00:00Z", Token::fetched);
  ASSERT_TRUE(provider->credentials());

  clock.advance(50min);
  transport.fail_with(ErrorKind::network, "down");
  transport.fail_with(ErrorKind::network, "down");
  auto kept = provider->credentials();
  ASSERT_TRUE(kept) << kept.error().message;
  EXPECT_EQ(kept->access_key_id, "ASIAFIRST");
}

TEST_F(ImdsCredentialsTest, FailsOnceTheCachedCredentialsHaveExpired) {
  queue_refresh("ASIAFIRST", "2026-01-01T01:00:00Z", Token::fetched);
  ASSERT_TRUE(provider->credentials());

  clock.advance(61min);
  transport.fail_with(ErrorKind::network, "down");
  transport.fail_with(ErrorKind::network, "down");
  auto expired = provider->credentials();
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().kind, ErrorKind::network);
}

TEST(ImdsCredentialsFactory, DisabledImdsGivesNoCredentialsAndSendsNothing) {
  FakeTransport transport;
  FakeClock clock{SystemTime{}};
  auto env = env_with("AWS_EC2_METADATA_DISABLED", "true");
  auto provider = make_imds_credentials_provider(transport, clock, env);
  ASSERT_TRUE(provider);
  auto credentials = (*provider)->credentials();
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().kind, ErrorKind::not_found);
  EXPECT_TRUE(transport.requests.empty());
}

}  // namespace
}  // namespace spawn::aws
