// Describing instances region by region: one region's answer becomes managed
// instances (tags as a map, the region attached), newest launch first, and a
// region that fails is reported, not hidden.
#include "spawn/ops/instance_query.hpp"

#include <gtest/gtest.h>

#include "../fake_session.hpp"

namespace spawn::ops {
namespace {

std::string instance_xml(const std::string& id, const std::string& launched) {
  return "<item><instanceId>" + id +
         "</instanceId><instanceState><code>16</code><name>running</name></instanceState>"
         "<launchTime>" +
         launched +
         "</launchTime><tagSet><item><key>spawn:managed</key><value>true</value></item>"
         "<item><key>Name</key><value>n-" +
         id + "</value></item></tagSet></item>";
}

std::string described(const std::string& instances) {
  return "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
         "<requestId>r-1</requestId><reservationSet><item><reservationId>r-1</reservationId>"
         "<instancesSet>" +
         instances + "</instancesSet></item></reservationSet></DescribeInstancesResponse>";
}

TEST(InstanceQuery, InstancesComeNewestFirstWithTheirRegionAndTags) {
  testing::FakeSession session;
  session.fake_transport.reply(200, described(instance_xml("i-old", "2025-12-01T10:00:00.000Z") +
                                              instance_xml("i-new", "2025-12-31T10:00:00.000Z") +
                                              instance_xml("i-mid", "2025-12-15T10:00:00.000Z")));

  InstanceScan scan = describe_in_regions(session, {"eu-west-1"}, {});

  ASSERT_EQ(scan.instances.size(), 3u);
  EXPECT_EQ(scan.instances[0].id(), "i-new");
  EXPECT_EQ(scan.instances[1].id(), "i-mid");
  EXPECT_EQ(scan.instances[2].id(), "i-old");
  EXPECT_EQ(scan.instances[0].region, "eu-west-1");
  EXPECT_EQ(scan.instances[0].name(), "n-i-new");
  EXPECT_TRUE(scan.instances[0].is_managed());
  EXPECT_TRUE(scan.failed_regions.empty());
}

TEST(InstanceQuery, AFailingRegionIsReported) {
  testing::FakeSession session;
  session.fake_transport.fail_with(ErrorKind::network, "connection refused");

  InstanceScan scan = describe_in_regions(session, {"ap-east-1"}, {});

  EXPECT_TRUE(scan.instances.empty());
  ASSERT_EQ(scan.failed_regions.size(), 1u);
  EXPECT_EQ(scan.failed_regions[0].first, "ap-east-1");
  EXPECT_TRUE(scan.every_region_failed());
}

TEST(InstanceQuery, ListingAsksForManagedInstancesInTheWantedStates) {
  testing::FakeSession session;
  session.fake_transport.reply(200, described(""));

  auto scan = list_managed(session, {.regions = {"us-east-1"}, .states = {"stopped"}});

  ASSERT_TRUE(scan);
  ASSERT_EQ(session.fake_transport.requests.size(), 1u);
  const std::string& body = session.fake_transport.requests[0].body;
  EXPECT_NE(body.find("Filter.1.Name=tag%3Aspawn%3Amanaged"), std::string::npos) << body;
  EXPECT_NE(body.find("Filter.2.Name=instance-state-name"), std::string::npos) << body;
  EXPECT_NE(body.find("Filter.2.Value.1=stopped"), std::string::npos) << body;
}

}  // namespace
}  // namespace spawn::ops
