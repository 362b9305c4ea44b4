// Placement groups.
#include "aws/ec2_parse.hpp"
#include "ec2_network_fixture.hpp"

namespace spawn::localcloud::network_testing {
namespace {

using aws::parse_items;
using PlacementGroupTest = Ec2NetworkTest;

std::vector<aws::PlacementGroup> placement_groups_of(pugi::xml_node root) {
  return parse_items(root, "placementGroupSet", aws::parse_placement_group);
}

TEST_F(PlacementGroupTest, CreateAndDescribe) {
  aws::PlacementGroup created = aws::parse_placement_group(aws::xml::child(
      ok("CreatePlacementGroup",
         "GroupName=train&Strategy=cluster&TagSpecification.1.ResourceType=placement-group"
         "&TagSpecification.1.Tag.1.Key=job&TagSpecification.1.Tag.1.Value=7"),
      "placementGroup"));
  EXPECT_EQ(created.group_name, "train");
  EXPECT_TRUE(created.group_id.starts_with("pg-"));
  EXPECT_EQ(created.state, "available");
  EXPECT_EQ(created.strategy, "cluster");
  ASSERT_EQ(created.tags.size(), 1u);
  pugi::xml_node partition =
      ok("CreatePlacementGroup", "GroupName=shards&Strategy=partition&PartitionCount=3");
  EXPECT_EQ(aws::xml::text(partition, "placementGroup/partitionCount"), "3");

  auto named = placement_groups_of(ok("DescribePlacementGroups", "GroupName.1=train"));
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0].group_id, created.group_id);
  auto by_id = placement_groups_of(ok("DescribePlacementGroups", "GroupId.1=" + created.group_id));
  ASSERT_EQ(by_id.size(), 1u);
  auto partitions = placement_groups_of(
      ok("DescribePlacementGroups", "Filter.1.Name=strategy&Filter.1.Value.1=partition"));
  ASSERT_EQ(partitions.size(), 1u);
  EXPECT_EQ(partitions[0].group_name, "shards");
  EXPECT_EQ(placement_groups_of(ok("DescribePlacementGroups", "")).size(), 2u);
  expect_error("DescribePlacementGroups", "GroupName.1=nope", "InvalidPlacementGroup.Unknown");
}

TEST_F(PlacementGroupTest, CreateChecksStrategyAndName) {
  ok("CreatePlacementGroup", "GroupName=train&Strategy=spread");
  expect_error("CreatePlacementGroup", "GroupName=train&Strategy=cluster",
               "InvalidPlacementGroup.Duplicate");
  expect_error("CreatePlacementGroup", "GroupName=other&Strategy=huddle", "InvalidParameterValue");
  expect_error("CreatePlacementGroup", "GroupName=other&Strategy=partition&PartitionCount=9",
               "InvalidParameterValue");
  expect_error("CreatePlacementGroup", "Strategy=cluster", "MissingParameter");
  // Names are per region.
  ok("CreatePlacementGroup", "GroupName=train&Strategy=cluster", "eu-west-1");
}

TEST_F(PlacementGroupTest, DeleteRefusedWhileALiveInstanceIsPlacedInIt) {
  ok("CreatePlacementGroup", "GroupName=train&Strategy=cluster");
  Json instance{{"Placement", {{"AvailabilityZone", "us-east-1a"}, {"GroupName", "train"}}},
                {"State", {{"Code", 16}, {"Name", "running"}}}};
  std::string instance_id = put_instance(instance);
  expect_error("DeletePlacementGroup", "GroupName=train", "InvalidPlacementGroup.InUse");
  instance["InstanceId"] = instance_id;
  instance["State"] = {{"Code", 48}, {"Name", "terminated"}};
  put_instance(instance);
  ok("DeletePlacementGroup", "GroupName=train");
  expect_error("DeletePlacementGroup", "GroupName=train", "InvalidPlacementGroup.Unknown");
}

TEST_F(PlacementGroupTest, MutatingPlacementCallsAnswerDryRun) {
  expect_dry_run("CreatePlacementGroup", "GroupName=train&Strategy=cluster");
  EXPECT_EQ(count("placement-group"), 0u);
  ok("CreatePlacementGroup", "GroupName=train&Strategy=cluster");
  expect_dry_run("DeletePlacementGroup", "GroupName=train");
  EXPECT_EQ(count("placement-group"), 1u);
}

}  // namespace
}  // namespace spawn::localcloud::network_testing
