#include <gtest/gtest.h>

#include "ec2_test_fixture.hpp"

namespace spawn::localcloud::testing {
namespace {

class MetadataSourceTest : public Ec2Test {};

TEST_F(MetadataSourceTest, DescribesTheInstanceAsItIsNow) {
  auto ids = launch("Placement.AvailabilityZone=us-east-1b");
  auto metadata = ec2->metadata_source().metadata(ids[0]);
  ASSERT_TRUE(metadata.has_value());
  Json document = instance(ids[0]);
  EXPECT_EQ(metadata->instance_id, ids[0]);
  EXPECT_EQ(metadata->instance_type, "t3.micro");
  EXPECT_EQ(metadata->image_id, "ami-0a1c2e3f4a5b6c7d8");
  EXPECT_EQ(metadata->region, "us-east-1");
  EXPECT_EQ(metadata->availability_zone, "us-east-1b");
  EXPECT_EQ(metadata->private_ip, document.value("PrivateIpAddress", ""));
  EXPECT_EQ(metadata->public_ip, document.value("PublicIpAddress", ""));
  EXPECT_EQ(metadata->architecture, "x86_64");
  EXPECT_FALSE(metadata->tokens_required);  // HttpTokens defaults to optional
  EXPECT_TRUE(metadata->endpoint_enabled);
  EXPECT_FALSE(metadata->tags_enabled);
  EXPECT_TRUE(metadata->role_name.empty());
  EXPECT_FALSE(ec2->metadata_source().metadata("i-0123456789abcdef0").has_value());
}

TEST_F(MetadataSourceTest, RoleCredentialsComeFromTheInstanceProfile) {
  add_instance_profile("worker", "worker-role");
  auto ids = launch("IamInstanceProfile.Arn=arn:aws:iam::123456789012:instance-profile/worker");
  EXPECT_EQ(ec2->metadata_source().metadata(ids[0])->role_name, "worker-role");
  auto key = ec2->metadata_source().role_credentials(ids[0]);
  ASSERT_TRUE(key.has_value()) << key.error().message;
  EXPECT_TRUE(key->access_key_id.starts_with("ASIA"));
  EXPECT_FALSE(key->session_token.empty());
  EXPECT_EQ(key->principal_arn, "arn:aws:sts::123456789012:assumed-role/worker-role/" + ids[0]);
  EXPECT_TRUE(credentials->find(key->access_key_id).has_value());  // localcloud accepts it
  auto without_role = launch();
  EXPECT_FALSE(ec2->metadata_source().role_credentials(without_role[0]).has_value());
}

}  // namespace
}  // namespace spawn::localcloud::testing
