#include <gtest/gtest.h>

#include <set>

#include "aws/ec2_parse.hpp"
#include "ec2_test_fixture.hpp"

namespace spawn::localcloud::testing {
namespace {

class TagsTest : public Ec2Test {
 protected:
  std::vector<aws::TagDescription> tags(std::string_view body) {
    Answer answer = call("DescribeTags", body);
    EXPECT_EQ(answer.status, 200) << answer.body;
    return aws::parse_items(answer.root(), "tagSet", aws::parse_tag_description);
  }
};

TEST_F(TagsTest, CreateTagsReachesInstancesAndNetworkResources) {
  auto ids = launch();
  std::string vpc = instance(ids[0]).value("VpcId", "");
  Answer created = call("CreateTags", "ResourceId.1=" + ids[0] + "&ResourceId.2=" + vpc +
                                          "&Tag.1.Key=owner&Tag.1.Value=ana");
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_STREQ(created.root().child_value("return"), "true");
  auto described = tags("Filter.1.Name=key&Filter.1.Value.1=owner");
  ASSERT_EQ(described.size(), 2u);
  std::set<std::string> types{described[0].resource_type, described[1].resource_type};
  EXPECT_EQ(types, (std::set<std::string>{"instance", "vpc"}));
  EXPECT_EQ(tags("Filter.1.Name=resource-id&Filter.1.Value.1=" + ids[0]).at(0).value, "ana");
  EXPECT_EQ(tags("Filter.1.Name=resource-type&Filter.1.Value.1=vpc").size(), 1u);
}

TEST_F(TagsTest, UnknownResourcesAnswerTheirKindsNotFound) {
  launch();
  EXPECT_EQ(call("CreateTags", "ResourceId.1=i-0123456789abcdef0&Tag.1.Key=a&Tag.1.Value=b").code,
            "InvalidInstanceID.NotFound");
  EXPECT_EQ(call("CreateTags", "ResourceId.1=vpc-0123456789abcdef0&Tag.1.Key=a").code,
            "InvalidVpcID.NotFound");
  EXPECT_EQ(call("CreateTags", "ResourceId.1=sg-0123456789abcdef0&Tag.1.Key=a").code,
            "InvalidGroup.NotFound");
  EXPECT_EQ(call("CreateTags", "ResourceId.1=banana&Tag.1.Key=a").code, "InvalidID");
  EXPECT_EQ(call("CreateTags", "Tag.1.Key=a").code, "MissingParameter");
  EXPECT_EQ(call("CreateTags", "ResourceId.1=i-0123456789abcdef0&Tag.1.Key=aws:x").code,
            "InvalidParameterValue");
}

TEST_F(TagsTest, DeleteTagsWithAValueDeletesOnlyAMatch) {
  auto ids = launch(
      "TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=a"
      "&TagSpecification.1.Tag.1.Value=1&TagSpecification.1.Tag.2.Key=b"
      "&TagSpecification.1.Tag.2.Value=2&TagSpecification.1.Tag.3.Key=c"
      "&TagSpecification.1.Tag.3.Value=3");
  std::string id = ids[0];
  ASSERT_EQ(call("DeleteTags", "ResourceId.1=" + id + "&Tag.1.Key=a&Tag.1.Value=wrong").status,
            200);
  ASSERT_EQ(call("DeleteTags", "ResourceId.1=" + id + "&Tag.1.Key=b&Tag.1.Value=2").status, 200);
  ASSERT_EQ(call("DeleteTags", "ResourceId.1=" + id + "&Tag.1.Key=c").status, 200);
  EXPECT_EQ(instance(id)["Tags"], (Json{{"a", "1"}}));
  ASSERT_EQ(call("DeleteTags", "ResourceId.1=" + id).status, 200);
  EXPECT_TRUE(instance(id)["Tags"].empty());
}

TEST_F(TagsTest, DryRunTagsNothing) {
  auto ids = launch();
  EXPECT_EQ(call("CreateTags", "ResourceId.1=" + ids[0] + "&Tag.1.Key=a&DryRun=true").status, 412);
  EXPECT_TRUE(instance(ids[0])["Tags"].empty());
}

TEST_F(TagsTest, DescribeTagsPages) {
  auto ids = launch("", 4);
  for (const std::string& id : ids)
    call("CreateTags", "ResourceId.1=" + id + "&Tag.1.Key=k1&Tag.2.Key=k2");
  Answer first = call("DescribeTags", "MaxResults=5");
  auto items = aws::parse_items(first.root(), "tagSet", aws::parse_tag_description);
  EXPECT_EQ(items.size(), 5u);
  std::string token = first.root().child_value("nextToken");
  ASSERT_FALSE(token.empty());
  Answer second = call("DescribeTags", "MaxResults=5&NextToken=" + token);
  EXPECT_EQ(aws::parse_items(second.root(), "tagSet", aws::parse_tag_description).size(), 3u);
  EXPECT_STREQ(second.root().child_value("nextToken"), "");
}

TEST_F(TagsTest, MetadataSourceSeesTagsAtOnce) {
  auto ids = launch(
      "MetadataOptions.InstanceMetadataTags=enabled&MetadataOptions.HttpTokens="
      "required");
  call("CreateTags", "ResourceId.1=" + ids[0] + "&Tag.1.Key=stage&Tag.1.Value=one");
  auto metadata = ec2->metadata_source().metadata(ids[0]);
  ASSERT_TRUE(metadata.has_value());
  EXPECT_EQ(metadata->tags.at("stage"), "one");
  EXPECT_TRUE(metadata->tags_enabled);
  EXPECT_TRUE(metadata->tokens_required);
  call("CreateTags", "ResourceId.1=" + ids[0] + "&Tag.1.Key=stage&Tag.1.Value=two");
  EXPECT_EQ(ec2->metadata_source().metadata(ids[0])->tags.at("stage"), "two");
}

}  // namespace
}  // namespace spawn::localcloud::testing
