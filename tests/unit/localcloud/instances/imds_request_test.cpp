// The IMDSv2 rules (AWS-WIRE.md §4) for single requests, without a server.

#include "localcloud/instances/imds_request.hpp"

#include <gtest/gtest.h>

#include "fake_metadata_source.hpp"

namespace spawn::localcloud {
namespace {

using namespace std::chrono_literals;

const auto kNow = test::kLaunchTime + 1h;

class ImdsRequestTest : public ::testing::Test {
 protected:
  ImdsResponse send(const ImdsRequest& request, SystemTime now = kNow) {
    return answer_imds(request, metadata_, tokens_, now, [&](const InstanceMetadata& instance) {
      return ImdsView{instance, "", now, [] { return Result<AccessKey>(AccessKey{}); }};
    });
  }
  std::string token(int ttl_seconds = 21600) {
    auto response =
        send({"PUT", "/latest/api/token", std::nullopt, std::to_string(ttl_seconds), false});
    EXPECT_EQ(response.status, 200);
    return response.body;
  }
  ImdsResponse get(std::string target, std::optional<std::string> with_token,
                   SystemTime now = kNow) {
    return send({"GET", std::move(target), std::move(with_token), std::nullopt, false}, now);
  }

  std::optional<InstanceMetadata> metadata_ =
      test::instance_metadata("i-0123456789abcdef0", "127.0.0.7");
  TokenIssuer tokens_;
};

TEST_F(ImdsRequestTest, TokenPutEchoesTheTtlAndTheTokenOpensGets) {
  auto response = send({"PUT", "/latest/api/token", std::nullopt, "21600", false});
  ASSERT_EQ(response.status, 200);
  EXPECT_FALSE(response.body.empty());
  EXPECT_EQ(response.content_type, "text/plain");
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].first, "X-aws-ec2-metadata-token-ttl-seconds");
  EXPECT_EQ(response.headers[0].second, "21600");
  auto answer = get("/latest/meta-data/instance-id", response.body);
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, "i-0123456789abcdef0");
}

TEST_F(ImdsRequestTest, TokenPutWithoutAValidTtlIsABadRequest) {
  for (std::optional<std::string> ttl :
       {std::optional<std::string>(), std::optional<std::string>("0"),
        std::optional<std::string>("21601"), std::optional<std::string>("soon")}) {
    EXPECT_EQ(send({"PUT", "/latest/api/token", std::nullopt, ttl, false}).status, 400)
        << ttl.value_or("(none)");
  }
}

TEST_F(ImdsRequestTest, ForwardedAndVersionedTokenPutsAreForbidden) {
  EXPECT_EQ(send({"PUT", "/latest/api/token", std::nullopt, "60", true}).status, 403);
  EXPECT_EQ(send({"PUT", "/2021-03-23/api/token", std::nullopt, "60", false}).status, 403);
}

TEST_F(ImdsRequestTest, BadOrExpiredTokensAreUnauthorized) {
  EXPECT_EQ(get("/latest/meta-data/instance-id", "not-a-token").status, 401);
  TokenIssuer other;
  EXPECT_EQ(get("/latest/meta-data/instance-id", other.issue(kNow + 1h)).status, 401);
  auto short_lived = token(1);
  EXPECT_EQ(get("/latest/meta-data/instance-id", short_lived, kNow).status, 200);
  EXPECT_EQ(get("/latest/meta-data/instance-id", short_lived, kNow + 2s).status, 401);
}

TEST_F(ImdsRequestTest, TokenlessGetsDependOnHttpTokens) {
  EXPECT_EQ(get("/latest/meta-data/instance-id", std::nullopt).status, 401);
  metadata_->tokens_required = false;
  EXPECT_EQ(get("/latest/meta-data/instance-id", std::nullopt).status, 200);
  EXPECT_EQ(get("/latest/meta-data/instance-id", "not-a-token").status, 401);
}

TEST_F(ImdsRequestTest, DisabledEndpointForbidsEverything) {
  auto valid = token();
  metadata_->endpoint_enabled = false;
  EXPECT_EQ(send({"PUT", "/latest/api/token", std::nullopt, "60", false}).status, 403);
  EXPECT_EQ(get("/latest/meta-data/instance-id", valid).status, 403);
}

TEST_F(ImdsRequestTest, UnknownPathsAreNotFoundWithEc2sPage) {
  auto response = get("/latest/meta-data/nothing-here", token());
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.content_type, "text/html");
  EXPECT_NE(response.body.find("<title>404 - Not Found</title>"), std::string::npos);
}

TEST_F(ImdsRequestTest, ShutdownPostIsRecognisedEvenWithTheEndpointDisabled) {
  metadata_->endpoint_enabled = false;
  auto response = send({"POST", "/_localcloud/shutdown", std::nullopt, std::nullopt, false});
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(response.shutdown_requested);
  EXPECT_FALSE(
      send({"POST", "/latest/meta-data/", std::nullopt, std::nullopt, false}).shutdown_requested);
}

TEST_F(ImdsRequestTest, OtherMethodsAreNotAllowed) {
  EXPECT_EQ(send({"DELETE", "/latest/meta-data/", std::nullopt, std::nullopt, false}).status, 405);
  EXPECT_EQ(send({"PUT", "/latest/meta-data/instance-id", std::nullopt, "60", false}).status, 405);
}

TEST_F(ImdsRequestTest, GoneInstancesAreNotFound) {
  auto valid = token();
  metadata_.reset();
  EXPECT_EQ(get("/latest/meta-data/instance-id", valid).status, 404);
}

}  // namespace
}  // namespace spawn::localcloud
