// What a user sees from real EC2 answers (libcloud, carbon and botocore
// fixtures, in old and current namespaces) once the client has parsed them.
#include <gtest/gtest.h>

#include <chrono>

#include "aws/ec2.hpp"
#include "ec2_test_support.hpp"

namespace spawn::aws {
namespace {

using namespace std::chrono;
using spawn::testing::Ec2TestClient;
using spawn::testing::read_testdata_file;

SystemTime utc(year_month_day date, hours hour, minutes minute, seconds second) {
  return sys_days{date} + hour + minute + second;
}

#define REPLY_WITH_FIXTURE(fake, relative)   \
  SPAWN_REQUIRE_TESTDATA(fixture, relative); \
  (fake).transport.reply(200, read_testdata_file(fixture))

TEST(Ec2ParseTest, DescribeInstancesFlattensReservationsIntoInstances) {
  Ec2TestClient fake;
  REPLY_WITH_FIXTURE(fake, "aws-examples/libcloud-ec2-fixtures/describe_instances.xml");

  auto page = fake.ec2.describe_instances({});

  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_TRUE(page->next_token.empty());
  const Instance& first = page->items[0];
  EXPECT_EQ(first.instance_id, "i-4382922a");
  EXPECT_EQ(first.instance_type, "m1.small");
  EXPECT_EQ(first.state.code, 80);
  EXPECT_EQ(first.state.name, "stopped");
  EXPECT_EQ(first.state_reason.code, "Client.UserInitiatedShutdown");
  EXPECT_EQ(first.launch_time, utc(2013y / 12 / 2, 11h, 58min, 11s));
  EXPECT_EQ(first.public_ip, "1.2.3.4");
  EXPECT_EQ(first.private_ip, "10.211.11.211");
  EXPECT_EQ(first.availability_zone, "us-east-1d");
  EXPECT_EQ(first.key_name, "fauxkey");
  ASSERT_EQ(first.security_groups.size(), 2u);
  EXPECT_EQ(first.security_groups[1].group_id, "sg-42916628");
  EXPECT_EQ(first.security_groups[1].group_name, "Test Group 2");
  EXPECT_EQ(first.root_device_type, "ebs");
  EXPECT_EQ(first.architecture, "x86_64");
  EXPECT_TRUE(first.tags.empty());

  const Instance& second = page->items[1];
  EXPECT_EQ(second.subnet_id, "subnet-5fd9d412");
  EXPECT_EQ(second.vpc_id, "vpc-61dcd30e");
  EXPECT_EQ(tag_value(second.tags, "Name"), "Test Server 2");
  EXPECT_EQ(tag_value(second.tags, "Group"), "VPC Test");
  ASSERT_EQ(second.security_groups.size(), 1u);  // not the network interface's groups
}

TEST(Ec2ParseTest, DescribeInstancesReadsARunningInstancesAddresses) {
  Ec2TestClient fake;
  REPLY_WITH_FIXTURE(
      fake, "aws-examples/carbon-amazon-fixtures/ec2-describe-instances.awsdocs-example.xml");

  auto page = fake.ec2.describe_instances({{"i-1234567890abcdef0"}});

  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->items.size(), 1u);
  const Instance& instance = page->items[0];
  EXPECT_EQ(instance.state.name, "running");
  EXPECT_EQ(instance.state.code, 16);
  EXPECT_EQ(instance.public_ip, "54.194.252.215");
  EXPECT_EQ(instance.public_dns, "ec2-54-194-252-215.eu-west-1.compute.amazonaws.com");
  EXPECT_EQ(instance.private_dns, "ip-192-168-1-88.eu-west-1.compute.internal");
  EXPECT_EQ(instance.launch_time, utc(2015y / 12 / 22, 10h, 44min, 5s));
  EXPECT_EQ(instance.tags, (std::vector<Tag>{{"Name", "Server_1"}}));
  EXPECT_TRUE(instance.lifecycle.empty());
}

TEST(Ec2ParseTest, DescribeInstancesReadsAnOldNamespace) {
  Ec2TestClient fake;
  REPLY_WITH_FIXTURE(
      fake, "aws-examples/botocore-response-parsing/xml/responses/ec2-describe-instances.xml");

  auto page = fake.ec2.describe_instances({});

  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].instance_id, "i-fde9cece");
  EXPECT_EQ(page->items[0].state.name, "stopped");
  EXPECT_EQ(tag_value(page->items[0].tags, "notebook"), "");
  EXPECT_EQ(page->items[1].public_ip, "54.245.16.142");
}

TEST(Ec2ParseTest, RunInstancesAnswersThePendingInstances) {
  Ec2TestClient fake;
  REPLY_WITH_FIXTURE(fake,
                     "aws-examples/botocore-response-parsing/xml/responses/ec2-run-instances.xml");

  auto reservation = fake.ec2.run_instances({.image_id = "ami-31814f58"});

  ASSERT_TRUE(reservation) << reservation.error().message;
  EXPECT_EQ(reservation->reservation_id, "r-157ad274");
  EXPECT_EQ(reservation->owner_id, "111122223333");
  ASSERT_EQ(reservation->instances.size(), 1u);
  EXPECT_EQ(reservation->instances[0].instance_id, "i-0ee0356c");
  EXPECT_EQ(reservation->instances[0].state.name, "pending");
  EXPECT_EQ(reservation->instances[0].subnet_id, "subnet-b2a249da");
}

TEST(Ec2ParseTest, RunInstancesShowsSpotLifecycle) {
  Ec2TestClient fake;
  REPLY_WITH_FIXTURE(fake, "aws-examples/libcloud-ec2-fixtures/run_instances_spot.xml");

  auto reservation = fake.ec2.run_instances({.image_id = "ami-be3adfd7"});

  ASSERT_TRUE(reservation) << reservation.error().message;
  ASSERT_EQ(reservation->instances.size(), 1u);
  EXPECT_EQ(reservation->instances[0].lifecycle, "spot");
  EXPECT_EQ(reservation->instances[0].launch_time, utc(2007y / 8 / 7, 11h, 51min, 50s));
}

TEST(Ec2ParseTest, RunInstancesShowsTheInstanceProfileArn) {
  Ec2TestClient fake;
  REPLY_WITH_FIXTURE(fake, "aws-examples/libcloud-ec2-fixtures/run_instances_iam_profile.xml");

  auto reservation = fake.ec2.run_instances({.image_id = "ami-be3adfd7"});

  ASSERT_TRUE(reservation) << reservation.error().message;
  ASSERT_EQ(reservation->instances.size(), 1u);
  EXPECT_EQ(reservation->instances[0].iam_instance_profile_arn,
            "arn:aws:iam::123456789012:instance-profile/ExampleInstanceProfile");
}

TEST(Ec2ParseTest, StateChangesShowPreviousAndCurrentState) {
  Ec2TestClient fake;
  REPLY_WITH_FIXTURE(fake, "aws-examples/carbon-amazon-fixtures/ec2-stop-instances.xml");

  auto changes = fake.ec2.stop_instances({{"i-1234567890abcdef0"}});

  ASSERT_TRUE(changes) << changes.error().message;
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].instance_id, "i-1234567890abcdef0");
  EXPECT_EQ((*changes)[0].previous.name, "running");
  EXPECT_EQ((*changes)[0].current.name, "stopping");
  EXPECT_EQ((*changes)[0].current.code, 64);
}

TEST(Ec2ParseTest, StartInstancesShowsPending) {
  Ec2TestClient fake;
  REPLY_WITH_FIXTURE(fake, "aws-examples/libcloud-ec2-fixtures/start_instances.xml");

  auto changes = fake.ec2.start_instances({{"i-ff5de6aa"}});

  ASSERT_TRUE(changes) << changes.error().message;
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].previous.name, "stopped");
  EXPECT_EQ((*changes)[0].current.name, "pending");
}

TEST(Ec2ParseTest, TerminateReadsThePre2011ShutdownStateToo) {
  Ec2TestClient fake;
  REPLY_WITH_FIXTURE(fake, "aws-examples/libcloud-ec2-fixtures/terminate_instances.xml");

  auto changes = fake.ec2.terminate_instances({{"i-4382922a"}});

  ASSERT_TRUE(changes) << changes.error().message;
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].previous.name, "running");
  EXPECT_EQ((*changes)[0].current.name, "shutting-down");
  EXPECT_EQ((*changes)[0].current.code, 32);
}

TEST(Ec2ParseTest, DescribeRegionsListsNamesAndEndpoints) {
  Ec2TestClient fake;
  REPLY_WITH_FIXTURE(
      fake, "aws-examples/botocore-response-parsing/xml/responses/ec2-describe-regions.xml");

  auto regions = fake.ec2.describe_regions();

  ASSERT_TRUE(regions) << regions.error().message;
  ASSERT_EQ(regions->size(), 8u);
  EXPECT_EQ((*regions)[0].region_name, "eu-west-1");
  EXPECT_EQ((*regions)[0].endpoint, "ec2.eu-west-1.amazonaws.com");
  EXPECT_EQ((*regions)[7].region_name, "ap-southeast-2");
}

TEST(Ec2ParseTest, DescribeAvailabilityZonesListsZones) {
  Ec2TestClient fake;
  REPLY_WITH_FIXTURE(fake, "aws-examples/libcloud-ec2-fixtures/describe_availability_zones.xml");

  auto zones = fake.ec2.describe_availability_zones();

  ASSERT_TRUE(zones) << zones.error().message;
  ASSERT_EQ(zones->size(), 2u);
  EXPECT_EQ((*zones)[1].zone_name, "eu-west-1b");
  EXPECT_EQ((*zones)[1].state, "available");
  EXPECT_EQ((*zones)[1].region_name, "eu-west-1");
}

TEST(Ec2ParseTest, DescribeInstanceTypesReadsCpuMemoryAndFlags) {
  Ec2TestClient fake;
  REPLY_WITH_FIXTURE(
      fake, "aws-examples/carbon-amazon-fixtures/ec2-describe-instance-types.t1.micro.xml");

  auto page = fake.ec2.describe_instance_types({{"t1.micro"}});

  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->items.size(), 1u);
  const InstanceTypeInfo& info = page->items[0];
  EXPECT_EQ(info.instance_type, "t1.micro");
  EXPECT_EQ(info.vcpus, 1);
  EXPECT_EQ(info.memory_mib, 627);
  EXPECT_EQ(info.architectures, (std::vector<std::string>{"i386", "x86_64"}));
  EXPECT_FALSE(info.current_generation);
  EXPECT_FALSE(info.hibernation_supported);
  EXPECT_EQ(info.usage_classes, std::vector<std::string>{"on-demand"});
  EXPECT_TRUE(info.gpus.empty());
}

TEST(Ec2ParseTest, DescribeTagsListsResourceAndTag) {
  Ec2TestClient fake;
  REPLY_WITH_FIXTURE(fake, "aws-examples/libcloud-ec2-fixtures/describe_tags.xml");

  auto page = fake.ec2.describe_tags({{}, {{"resource-id", {"i-4382922a"}}}});

  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->items[0].resource_id, "i-4382922a");
  EXPECT_EQ(page->items[0].resource_type, "instance");
  EXPECT_EQ(page->items[0].key, "tag");
  EXPECT_EQ(page->items[0].value, "test one");
}

TEST(Ec2ParseTest, DescribeInstanceStatusReadsBothChecks) {
  Ec2TestClient fake;
  REPLY_WITH_FIXTURE(
      fake,
      "aws-examples/botocore-response-parsing/xml/responses/ec2-describe-instance-status.xml");

  auto page = fake.ec2.describe_instance_status({});

  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].instance_id, "i-78f1b94a");
  EXPECT_EQ(page->items[0].availability_zone, "us-west-2b");
  EXPECT_EQ(page->items[0].state.name, "running");
  EXPECT_EQ(page->items[0].system_status, "ok");
  EXPECT_EQ(page->items[0].instance_status, "ok");
}

TEST(Ec2ParseTest, CreateTagsAnswerIsSuccess) {
  Ec2TestClient fake;
  REPLY_WITH_FIXTURE(fake, "aws-examples/libcloud-ec2-fixtures/create_tags.xml");

  EXPECT_TRUE(fake.ec2.create_tags({"i-1"}, {{"Name", "demo"}}));
}

}  // namespace
}  // namespace spawn::aws
