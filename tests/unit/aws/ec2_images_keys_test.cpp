// Image and key pair answers as a user sees them (XML per the model's names).
#include <gtest/gtest.h>

#include <chrono>

#include "aws/ec2.hpp"
#include "ec2_test_support.hpp"

namespace spawn::aws {
namespace {

using namespace std::chrono;
using spawn::testing::decoded_params;
using spawn::testing::Ec2TestClient;
using ::testing::Contains;
using ::testing::Pair;

TEST(Ec2ImagesKeysTest, DescribeImagesReadsTheFieldsAmiChoiceNeeds) {
  Ec2TestClient fake;
  fake.answer("DescribeImages", R"(<imagesSet><item>
    <imageId>ami-0abc</imageId><imageLocation>amazon/al2023-ami-2023.6</imageLocation>
    <imageState>available</imageState><imageOwnerId>137112412989</imageOwnerId>
    <creationDate>2024-11-20T20:15:02.000Z</creationDate><isPublic>true</isPublic>
    <architecture>arm64</architecture><imageType>machine</imageType>
    <name>al2023-ami-2023.6.20241121.0-kernel-6.1-arm64</name>
    <description>Amazon Linux 2023 AMI</description>
    <rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>
    <tagSet><item><key>spawn:managed</key><value>true</value></item></tagSet>
    </item></imagesSet>)");

  auto page = fake.ec2.describe_images({{}, {"amazon"}, {}});

  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->items.size(), 1u);
  const Image& image = page->items[0];
  EXPECT_EQ(image.image_id, "ami-0abc");
  EXPECT_EQ(image.name, "al2023-ami-2023.6.20241121.0-kernel-6.1-arm64");
  EXPECT_EQ(image.architecture, "arm64");
  EXPECT_EQ(image.state, "available");
  EXPECT_EQ(image.creation_date, sys_days{2024y / 11 / 20} + 20h + 15min + 2s);
  EXPECT_EQ(image.root_device_type, "ebs");
  EXPECT_EQ(image.owner_id, "137112412989");
  EXPECT_EQ(tag_value(image.tags, "spawn:managed"), "true");
}

TEST(Ec2ImagesKeysTest, KeyPairsShowFingerprintIdAndTags) {
  Ec2TestClient fake;
  fake.answer("ImportKeyPair",
              "<keyFingerprint>1f:51:ae:28</keyFingerprint><keyName>spawn</keyName>"
              "<keyPairId>key-0123</keyPairId><tagSet><item><key>spawn:managed</key>"
              "<value>true</value></item></tagSet>");
  fake.answer("DescribeKeyPairs",
              "<keySet><item><keyPairId>key-0123</keyPairId><keyName>spawn</keyName>"
              "<keyFingerprint>1f:51:ae:28</keyFingerprint><keyType>ed25519</keyType>"
              "<tagSet/></item></keySet>");

  auto imported = fake.ec2.import_key_pair({"spawn", "ssh-ed25519 AAAA me", {}});
  auto listed = fake.ec2.describe_key_pairs({{"spawn"}, {}});

  ASSERT_TRUE(imported) << imported.error().message;
  EXPECT_EQ(imported->key_pair_id, "key-0123");
  EXPECT_EQ(imported->fingerprint, "1f:51:ae:28");
  EXPECT_EQ(tag_value(imported->tags, "spawn:managed"), "true");
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].key_type, "ed25519");
  EXPECT_THAT(decoded_params(fake.transport.requests[1].body),
              Contains(Pair("KeyName.1", "spawn")));
}

TEST(Ec2ImagesKeysTest, DeregisterAndDeleteNameTheResource) {
  Ec2TestClient fake;
  fake.answer("DeregisterImage", "<return>true</return>");
  fake.answer("DeleteKeyPair", "<return>true</return><keyPairId>key-0123</keyPairId>");

  EXPECT_TRUE(fake.ec2.deregister_image("ami-0abc"));
  EXPECT_TRUE(fake.ec2.delete_key_pair("spawn"));

  EXPECT_THAT(decoded_params(fake.transport.requests[0].body),
              Contains(Pair("ImageId", "ami-0abc")));
  EXPECT_THAT(decoded_params(fake.transport.requests[1].body), Contains(Pair("KeyName", "spawn")));
}

}  // namespace
}  // namespace spawn::aws
