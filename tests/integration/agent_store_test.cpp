// The agent store against localcloud's S3: what publish leaves in the bucket, that a
// second publish transfers nothing, and that the URL find_agent hands to an instance
// downloads exactly the published binary without credentials. Small fake binaries
// stand in for spored.
#include "spawn/ops/agent_store.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/beast_transport.hpp"
#include "aws/s3_address.hpp"
#include "core/version.hpp"
#include "localcloud_fixture.hpp"
#include "round_trips.hpp"
#include "util/crypto.hpp"

namespace spawn::integration {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr std::string_view kAccount = "123456789012";
const std::string kAmd64Body = std::string(
    "\x7f"
    "ELF amd64 agent\0\x01\x02",
    19);
const std::string kArm64Body =
    "\x7f"
    "ELF arm64 agent";

// A folder holding two fake agents.
struct FakeAgents {
  TempDir dir;
  FakeAgents() {
    dir.write("spored-linux-amd64", kAmd64Body, fs::perms(0755));
    dir.write("spored-linux-arm64", kArm64Body, fs::perms(0755));
  }
};

// An answer to an unsigned GET of `url`.
aws::HttpResponse plain_get(const std::string& url) {
  auto transport = aws::make_beast_transport(aws::TransportOptions{});
  aws::HttpRequest request;
  request.url = aws::Url::parse(url).value();
  auto response = transport->send(request, aws::Timeouts{});
  EXPECT_TRUE(response) << response.error().message;
  return response.value_or(aws::HttpResponse{});
}

// The body of a signed GET of the bucket's `subresource` ("tagging", "encryption", ...).
std::string bucket_setting(aws::AwsClient& client, const std::string& bucket,
                           std::string_view subresource) {
  aws::HttpRequest request;
  request.url = aws::s3_url(client.endpoints(), client.region(), bucket, "").value();
  request.url.query = std::string(subresource);
  auto response = client.send(aws::services::s3, "GetBucketSetting", request);
  EXPECT_TRUE(response) << response.error().message;
  return response ? response->body : "";
}

class AgentStore : public CloudSuite<AgentStore> {
 protected:
  // How many `operation` calls (S3's PutObject, ...) localcloud has answered so far.
  int calls_of(std::string_view operation) { return integration::calls_of(cloud(), operation); }
  std::string bucket(std::string_view region = "us-east-1") {
    return ops::agent_bucket_name(kAccount, region).value();
  }
};

TEST_F(AgentStore, PublishMakesAPrivateEncryptedTaggedBucketWithBothAgents) {
  FakeAgents agents;
  // localcloud, like AWS since 2023, blocks and encrypts new buckets by itself: count the calls.
  int blocks = calls_of("PutPublicAccessBlock");
  int encryptions = calls_of("PutBucketEncryption");
  auto published = ops::publish_agent(cloud().client(), bucket(), agents.dir.path());
  ASSERT_TRUE(published) << published.error().message;
  EXPECT_EQ(published->bucket, "spawn-agent-1kpqzg2c-us-east-1");
  EXPECT_EQ(published->region, "us-east-1");
  EXPECT_FALSE(published->up_to_date());
  ASSERT_EQ(published->binaries.size(), 2u);

  const std::string bodies[] = {kAmd64Body, kArm64Body};
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& binary = published->binaries[i];
    SCOPED_TRACE(binary.key);
    EXPECT_TRUE(binary.uploaded);
    EXPECT_EQ(binary.size, bodies[i].size());
    EXPECT_EQ(binary.sha256, sha256_hex(bodies[i]));
    auto stored = cloud().s3().get_object(bucket(), binary.key);
    ASSERT_TRUE(stored) << stored.error().message;
    EXPECT_EQ(stored->body, bodies[i]);
    auto digest = cloud().s3().get_object(bucket(), ops::agent_digest_key(binary.key));
    ASSERT_TRUE(digest) << digest.error().message;
    EXPECT_EQ(digest->body, binary.sha256 + "\n");
  }
  EXPECT_EQ(published->binaries[0].key, fmt::format("spored/{}/spored-linux-amd64", kVersion));
  EXPECT_EQ(published->binaries[1].key, fmt::format("spored/{}/spored-linux-arm64", kVersion));

  auto tags = bucket_setting(cloud().client(), bucket(), "tagging");
  EXPECT_THAT(tags, HasSubstr("<Key>spawn:managed</Key><Value>true</Value>"));
  EXPECT_THAT(tags, HasSubstr("<Key>spawn:created-by</Key><Value>spawn</Value>"));
  EXPECT_THAT(tags, HasSubstr("<Key>spawn:purpose</Key><Value>agent</Value>"));
  EXPECT_THAT(bucket_setting(cloud().client(), bucket(), "encryption"), HasSubstr("AES256"));
  auto block = bucket_setting(cloud().client(), bucket(), "publicAccessBlock");
  for (std::string_view setting :
       {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"})
    EXPECT_THAT(block, HasSubstr(fmt::format("<{0}>true</{0}>", setting)));

  EXPECT_EQ(calls_of("PutPublicAccessBlock"), blocks + 1);
  EXPECT_EQ(calls_of("PutBucketEncryption"), encryptions + 1);

  auto url =
      aws::s3_url(cloud().client().endpoints(), "us-east-1", bucket(), published->binaries[0].key);
  EXPECT_EQ(plain_get(url->to_string()).status, 403) << "an unsigned GET must be refused";
}

TEST_F(AgentStore, PublishingTheSameAgentAgainUploadsNothing) {
  FakeAgents agents;
  ASSERT_TRUE(ops::publish_agent(cloud().client(), bucket(), agents.dir.path()));
  int puts_before = calls_of("PutObject");
  auto again = ops::publish_agent(cloud().client(), bucket(), agents.dir.path());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(again->up_to_date());
  EXPECT_EQ(calls_of("PutObject"), puts_before);
}

TEST_F(AgentStore, AChangedAgentIsUploadedAgainAndOnlyThatOne) {
  FakeAgents agents;
  ASSERT_TRUE(ops::publish_agent(cloud().client(), bucket(), agents.dir.path()));
  agents.dir.write("spored-linux-arm64", "a rebuilt arm64 agent");
  auto again = ops::publish_agent(cloud().client(), bucket(), agents.dir.path());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_FALSE(again->binaries[0].uploaded);
  EXPECT_TRUE(again->binaries[1].uploaded);
  auto found = ops::find_agent(cloud().client(), bucket(), "arm64");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->sha256, sha256_hex("a rebuilt arm64 agent"));
}

TEST_F(AgentStore, FindAgentGivesAUrlThatDownloadsExactlyThePublishedBinary) {
  FakeAgents agents;
  ASSERT_TRUE(ops::publish_agent(cloud().client(), bucket(), agents.dir.path()));
  auto found = ops::find_agent(cloud().client(), bucket(), "x86_64");
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->sha256, sha256_hex(kAmd64Body));
  EXPECT_THAT((*found)->url, HasSubstr("X-Amz-Expires=3600"));

  auto download = plain_get((*found)->url);
  EXPECT_EQ(download.status, 200) << download.body;
  EXPECT_EQ(download.body, kAmd64Body);
  EXPECT_EQ(sha256_hex(download.body), (*found)->sha256);
}

TEST_F(AgentStore, NothingIsFoundWhereNothingWasPublished) {
  auto no_bucket = ops::find_agent(cloud().client(), bucket("eu-west-3"), "x86_64");
  ASSERT_TRUE(no_bucket) << no_bucket.error().message;
  EXPECT_FALSE(no_bucket->has_value());

  ASSERT_TRUE(cloud().s3().create_bucket("spawn-agent-empty"));
  auto no_object = ops::find_agent(cloud().client(), "spawn-agent-empty", "arm64");
  ASSERT_TRUE(no_object) << no_object.error().message;
  EXPECT_FALSE(no_object->has_value());
}

TEST_F(AgentStore, PublishNamesTheMissingAgentAndCreatesNothing) {
  TempDir half;
  half.write("spored-linux-amd64", kAmd64Body);
  auto published = ops::publish_agent(cloud().client(), "spawn-agent-half", half.path());
  ASSERT_FALSE(published);
  EXPECT_EQ(published.error().kind, ErrorKind::not_found);
  EXPECT_THAT(published.error().message, HasSubstr("spored-linux-arm64"));
  auto listing = cloud().s3().list_objects_all("spawn-agent-half", "");
  EXPECT_FALSE(listing) << "the bucket must not be created when there is nothing to put in it";
}

}  // namespace
}  // namespace spawn::integration
