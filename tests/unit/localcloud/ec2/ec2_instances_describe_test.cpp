#include <gtest/gtest.h>

#include <set>

#include "aws/ec2_parse.hpp"
#include "ec2_test_fixture.hpp"

namespace spawn::localcloud::testing {
namespace {

class DescribeInstancesTest : public Ec2Test {
 protected:
  aws::Page<aws::Instance> page(std::string_view body) {
    Answer answer = call("DescribeInstances", body);
    EXPECT_EQ(answer.status, 200) << answer.body;
    aws::Page<aws::Instance> out{{}, answer.root().child_value("nextToken")};
    for (auto& reservation :
         aws::parse_items(answer.root(), "reservationSet", aws::parse_reservation)) {
      for (auto& instance : reservation.instances)
        out.items.push_back(std::move(instance));
    }
    return out;
  }
};

TEST_F(DescribeInstancesTest, PagesThroughManyInstancesWithoutRepeats) {
  launch("", 12);
  std::set<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    std::string body = "MaxResults=5";
    if (!token.empty())
      body += "&NextToken=" + token;
    auto current = page(body);
    EXPECT_LE(current.items.size(), 5u);
    for (const auto& instance : current.items)
      EXPECT_TRUE(seen.insert(instance.instance_id).second);
    token = current.next_token;
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(seen.size(), 12u);
  EXPECT_EQ(pages, 3);
}

TEST_F(DescribeInstancesTest, GroupsInstancesByReservation) {
  launch("", 2);
  launch("", 1);
  Answer answer = call("DescribeInstances", "");
  auto reservations = aws::parse_items(answer.root(), "reservationSet", aws::parse_reservation);
  ASSERT_EQ(reservations.size(), 2u);
  EXPECT_EQ(reservations[0].instances.size() + reservations[1].instances.size(), 3u);
}

TEST_F(DescribeInstancesTest, FiltersSelectWhatSpawnAsksFor) {
  auto tagged = launch(
      "InstanceType=t3.large&TagSpecification.1.ResourceType=instance"
      "&TagSpecification.1.Tag.1.Key=spawn:managed&TagSpecification.1.Tag.1.Value=true");
  auto other = launch("Placement.AvailabilityZone=us-east-1c", 2);
  ASSERT_TRUE(wait_for_state(tagged[0], "running"));
  auto by_tag = page("Filter.1.Name=tag:spawn:managed&Filter.1.Value.1=true");
  ASSERT_EQ(by_tag.items.size(), 1u);
  EXPECT_EQ(by_tag.items[0].instance_id, tagged[0]);
  EXPECT_EQ(page("Filter.1.Name=tag-key&Filter.1.Value.1=spawn:*").items.size(), 1u);
  EXPECT_EQ(page("Filter.1.Name=availability-zone&Filter.1.Value.1=us-east-1c").items.size(), 2u);
  EXPECT_EQ(page("Filter.1.Name=instance-type&Filter.1.Value.1=t3.micro").items.size(), 2u);
  EXPECT_EQ(page("Filter.1.Name=instance-state-name&Filter.1.Value.1=running"
                 "&Filter.2.Name=instance-id&Filter.2.Value.1=" +
                 tagged[0])
                .items.size(),
            1u);
  EXPECT_EQ(page("Filter.1.Name=instance-state-code&Filter.1.Value.1=16"
                 "&Filter.2.Name=instance-type&Filter.2.Value.1=t3.large")
                .items.size(),
            1u);
  std::string ip = instance(other[0]).value("PrivateIpAddress", "");
  EXPECT_EQ(page("Filter.1.Name=private-ip-address&Filter.1.Value.1=" + ip).items.size(), 1u);
  std::string group = instance(other[0]).value(Json::json_pointer("/SecurityGroups/0/GroupId"), "");
  EXPECT_EQ(page("Filter.1.Name=instance.group-id&Filter.1.Value.1=" + group).items.size(), 3u);
  EXPECT_EQ(page("Filter.1.Name=instance.group-name&Filter.1.Value.1=default").items.size(), 3u);
  EXPECT_EQ(page("Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-nothing").items.size(), 0u);
}

TEST_F(DescribeInstancesTest, UnknownFilterIsRefused) {
  EXPECT_EQ(call("DescribeInstances", "Filter.1.Name=colour&Filter.1.Value.1=red").code,
            "InvalidParameterValue");
}

TEST_F(DescribeInstancesTest, NamedInstancesMustAllExist) {
  auto ids = launch();
  Answer missing = call("DescribeInstances", "InstanceId.1=" + ids[0] +
                                                 "&InstanceId.2=i-0000000000000000a"
                                                 "&InstanceId.3=i-0000000000000000b");
  EXPECT_EQ(missing.code, "InvalidInstanceID.NotFound");
  EXPECT_NE(missing.body.find("The instance IDs 'i-0000000000000000a, i-0000000000000000b' do not "
                              "exist"),
            std::string::npos)
      << missing.body;
  EXPECT_EQ(call("DescribeInstances", "InstanceId.1=web-1").code, "InvalidInstanceID.Malformed");
  EXPECT_EQ(page("InstanceId.1=" + ids[0]).items.size(), 1u);
}

TEST_F(DescribeInstancesTest, InstanceIdsAndMaxResultsDoNotMix) {
  auto ids = launch();
  EXPECT_EQ(call("DescribeInstances", "MaxResults=5&InstanceId.1=" + ids[0]).code,
            "InvalidParameterCombination");
  EXPECT_EQ(call("DescribeInstances", "MaxResults=4").code, "InvalidParameterValue");
  EXPECT_EQ(call("DescribeInstances", "MaxResults=1001").code, "InvalidParameterValue");
}

TEST_F(DescribeInstancesTest, RegionsKeepTheirOwnInstances) {
  launch("", 1, "eu-west-1");
  EXPECT_TRUE(page("").items.empty());
  Answer west = call("DescribeInstances", "", "eu-west-1");
  EXPECT_EQ(aws::parse_items(west.root(), "reservationSet", aws::parse_reservation).size(), 1u);
}

TEST_F(DescribeInstancesTest, InstanceStatusIsOkOnceRunning) {
  auto ids = launch();
  Answer early = call("DescribeInstanceStatus", "IncludeAllInstances=true");
  auto statuses = aws::parse_items(early.root(), "instanceStatusSet", aws::parse_instance_status);
  ASSERT_EQ(statuses.size(), 1u);
  ASSERT_TRUE(wait_for_state(ids[0], "running"));
  Answer running = call("DescribeInstanceStatus", "InstanceId.1=" + ids[0]);
  statuses = aws::parse_items(running.root(), "instanceStatusSet", aws::parse_instance_status);
  ASSERT_EQ(statuses.size(), 1u);
  EXPECT_EQ(statuses[0].state.name, "running");
  EXPECT_EQ(statuses[0].system_status, "ok");
  EXPECT_EQ(statuses[0].instance_status, "ok");
  EXPECT_EQ(statuses[0].availability_zone, "us-east-1a");
}

TEST_F(DescribeInstancesTest, InstanceStatusSkipsInstancesNotRunningUnlessAskedFor) {
  options.boot_delay = std::chrono::minutes(10);  // stays pending
  launch();
  Answer running_only = call("DescribeInstanceStatus", "");
  EXPECT_TRUE(aws::parse_items(running_only.root(), "instanceStatusSet", aws::parse_instance_status)
                  .empty());
  Answer all = call("DescribeInstanceStatus", "IncludeAllInstances=true");
  auto statuses = aws::parse_items(all.root(), "instanceStatusSet", aws::parse_instance_status);
  ASSERT_EQ(statuses.size(), 1u);
  EXPECT_EQ(statuses[0].state.name, "pending");
  EXPECT_EQ(statuses[0].instance_status, "not-applicable");
}

}  // namespace
}  // namespace spawn::localcloud::testing
