// The metadata tree answered from an instance's metadata, without a server.

#include "localcloud/instances/imds_paths.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fake_metadata_source.hpp"

namespace spawn::localcloud {
namespace {

const auto kNow = test::kLaunchTime + std::chrono::hours(1);

class ImdsPathsTest : public ::testing::Test {
 protected:
  PathAnswer get(std::string_view path) {
    return answer_path(
        path, ImdsView{metadata_, user_data_, kNow, [this] {
                         ++credential_calls_;
                         return Result<AccessKey>(AccessKey{"ASIAEXAMPLE", "secret", "token",
                                                            kNow + std::chrono::hours(1), "arn"});
                       }});
  }
  std::string text(std::string_view path) {
    auto answer = get(path);
    return answer ? *answer : "<" + std::to_string(answer.error()) + ">";
  }

  InstanceMetadata metadata_ = test::instance_metadata("i-0123456789abcdef0", "127.0.0.7");
  std::string user_data_;
  int credential_calls_ = 0;
};

TEST_F(ImdsPathsTest, AnswersTheInstancesOwnFacts) {
  EXPECT_EQ(text("/latest/meta-data/instance-id"), "i-0123456789abcdef0");
  EXPECT_EQ(text("/latest/meta-data/instance-type"), "t3.micro");
  EXPECT_EQ(text("/latest/meta-data/ami-id"), "ami-0123456789abcdef0");
  EXPECT_EQ(text("/latest/meta-data/local-ipv4"), "127.0.0.7");
  EXPECT_EQ(text("/latest/meta-data/hostname"), "ip-127-0-0-7.eu-west-1.compute.internal");
  EXPECT_EQ(text("/latest/meta-data/placement/availability-zone"), "eu-west-1b");
  EXPECT_EQ(text("/latest/meta-data/placement/region"), "eu-west-1");
  EXPECT_EQ(text("/latest/meta-data/placement/"), "availability-zone\nregion");
  EXPECT_EQ(text("/latest/meta-data/mac"), text("/latest/meta-data/mac?again"));
  EXPECT_EQ(text("/latest/meta-data/mac").size(), 17u);
}

TEST_F(ImdsPathsTest, ListsOnlyWhatAppliesOnePerLine) {
  EXPECT_EQ(
      text("/latest/meta-data/"),
      "ami-id\nami-launch-index\nhostname\niam/\ninstance-id\ninstance-life-cycle\ninstance-type\n"
      "local-hostname\nlocal-ipv4\nmac\nplacement/");
  metadata_.public_ip = "198.51.100.7";
  metadata_.tags_enabled = true;
  metadata_.spot_instance_action = R"({"action": "stop", "time": "2026-01-01T01:02:00Z"})";
  EXPECT_EQ(
      text("/latest/meta-data"),
      "ami-id\nami-launch-index\nhostname\niam/\ninstance-id\ninstance-life-cycle\ninstance-type\n"
      "local-hostname\nlocal-ipv4\nmac\nplacement/\npublic-ipv4\nspot/\ntags/");
  EXPECT_EQ(text("/"), "latest");
  EXPECT_EQ(text("/latest/"), "dynamic\nmeta-data");
}

TEST_F(ImdsPathsTest, InstanceLifeCycleSaysSpotForSpotInstances) {
  EXPECT_EQ(text("/latest/meta-data/instance-life-cycle"), "on-demand");
  metadata_.spot = true;
  EXPECT_EQ(text("/latest/meta-data/instance-life-cycle"), "spot");
}

TEST_F(ImdsPathsTest, PublicIpv4IsNotFoundWithoutAPublicAddress) {
  EXPECT_EQ(text("/latest/meta-data/public-ipv4"), "<404>");
  metadata_.public_ip = "198.51.100.7";
  EXPECT_EQ(text("/latest/meta-data/public-ipv4"), "198.51.100.7");
}

TEST_F(ImdsPathsTest, TagsAreServedOnlyWhenEnabled) {
  EXPECT_EQ(text("/latest/meta-data/tags/instance"), "<404>");
  EXPECT_EQ(text("/latest/meta-data/tags/instance/Name"), "<404>");
  metadata_.tags_enabled = true;
  EXPECT_EQ(text("/latest/meta-data/tags/"), "instance");
  EXPECT_EQ(text("/latest/meta-data/tags/instance"), "Name\nspawn:ttl");
  EXPECT_EQ(text("/latest/meta-data/tags/instance/"), "Name\nspawn:ttl");
  EXPECT_EQ(text("/latest/meta-data/tags/instance/spawn:ttl"), "2h");
  EXPECT_EQ(text("/latest/meta-data/tags/instance/spawn%3Attl"), "2h");
  EXPECT_EQ(text("/latest/meta-data/tags/instance/Missing"), "<404>");
}

TEST_F(ImdsPathsTest, SpotActionIsNotFoundUntilANoticeThenItsJson) {
  EXPECT_EQ(text("/latest/meta-data/spot/instance-action"), "<404>");
  EXPECT_EQ(text("/latest/meta-data/spot/termination-time"), "<404>");
  metadata_.spot_instance_action = R"({"action": "terminate", "time": "2026-01-01T01:02:00Z"})";
  EXPECT_EQ(text("/latest/meta-data/spot/instance-action"), *metadata_.spot_instance_action);
  EXPECT_EQ(text("/latest/meta-data/spot/termination-time"), "2026-01-01T01:02:00Z");
  EXPECT_EQ(text("/latest/meta-data/spot/"), "instance-action\ntermination-time");
}

TEST_F(ImdsPathsTest, RoleCredentialsAreEc2sJson) {
  EXPECT_EQ(text("/latest/meta-data/iam/"), "info\nsecurity-credentials/");
  EXPECT_EQ(text("/latest/meta-data/iam/security-credentials/"), "spawn-instance");
  EXPECT_EQ(credential_calls_, 0);
  auto json =
      nlohmann::json::parse(text("/latest/meta-data/iam/security-credentials/spawn-instance"));
  EXPECT_EQ(json["Code"], "Success");
  EXPECT_EQ(json["Type"], "AWS-HMAC");
  EXPECT_EQ(json["AccessKeyId"], "ASIAEXAMPLE");
  EXPECT_EQ(json["SecretAccessKey"], "secret");
  EXPECT_EQ(json["Token"], "token");
  EXPECT_EQ(json["Expiration"], "2026-01-01T02:00:00Z");
  EXPECT_EQ(json["LastUpdated"], "2026-01-01T01:00:00Z");
  EXPECT_EQ(text("/latest/meta-data/iam/security-credentials/other-role"), "<404>");
  auto info = nlohmann::json::parse(text("/latest/meta-data/iam/info"));
  EXPECT_EQ(info["InstanceProfileArn"],
            "arn:aws:iam::123456789012:instance-profile/spawn-instance");
}

TEST_F(ImdsPathsTest, NoRoleMeansNoIamTree) {
  metadata_.role_name.clear();
  EXPECT_EQ(text("/latest/meta-data/iam/security-credentials/"), "<404>");
  EXPECT_EQ(text("/latest/meta-data/iam/info"), "<404>");
}

TEST_F(ImdsPathsTest, IdentityDocumentHasEc2sFields) {
  EXPECT_EQ(text("/latest/dynamic/instance-identity/"), "document");
  auto document = nlohmann::json::parse(text("/latest/dynamic/instance-identity/document"));
  EXPECT_EQ(document["accountId"], "123456789012");
  EXPECT_EQ(document["architecture"], "x86_64");
  EXPECT_EQ(document["availabilityZone"], "eu-west-1b");
  EXPECT_EQ(document["imageId"], "ami-0123456789abcdef0");
  EXPECT_EQ(document["instanceId"], "i-0123456789abcdef0");
  EXPECT_EQ(document["instanceType"], "t3.micro");
  EXPECT_EQ(document["privateIp"], "127.0.0.7");
  EXPECT_EQ(document["region"], "eu-west-1");
  EXPECT_EQ(document["pendingTime"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(document["version"], "2017-09-30");
  for (const char* absent : {"billingProducts", "devpayProductCodes", "marketplaceProductCodes",
                             "kernelId", "ramdiskId"}) {
    EXPECT_TRUE(document.contains(absent) && document[absent].is_null()) << absent;
  }
}

TEST_F(ImdsPathsTest, UserDataAndUnknownPaths) {
  EXPECT_EQ(text("/latest/user-data"), "<404>");
  user_data_ = "#!/bin/bash\necho hi\n";
  EXPECT_EQ(text("/latest/user-data"), user_data_);
  EXPECT_EQ(text("/latest/meta-data/no-such-thing"), "<404>");
  EXPECT_EQ(text("/latest/meta-data/placement/nope"), "<404>");
  EXPECT_EQ(text("/2021-03-23/meta-data/instance-id"), "<404>");
  EXPECT_EQ(text("/latest/meta-dataX"), "<404>");
}

}  // namespace
}  // namespace spawn::localcloud
