// ops::look_up_network / ensure_network against localcloud: the default VPC with
// spawn's SSH group created once per caller range and then reused without a call;
// without a default VPC, the shared spawn VPC built once and reused; and the saga
// taking away everything a launch created.
#include "spawn/ops/network.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>

#include "aws/ec2.hpp"
#include "localcloud_fixture.hpp"
#include "round_trips.hpp"

namespace spawn::integration {
namespace {

using ops::NetworkChoice;
using ops::NetworkLookup;
using ops::NetworkRequest;
using ops::Saga;
using ::testing::Contains;

// The operations localcloud logged, oldest first.
std::vector<std::string> logged_operations(TestCloud& cloud) {
  auto body = cloud.admin_get("/_localcloud/requests");
  EXPECT_TRUE(body.has_value());
  std::vector<std::string> operations;
  if (!body)
    return operations;
  nlohmann::json log = nlohmann::json::parse(*body);  // kept alive for the loop
  for (const auto& record : log.at("requests"))
    operations.push_back(record.at("operation").get<std::string>());
  return operations;
}

// Injected before every answer while round trips are counted: far above the log's 1 ms
// resolution and the time threads take to start.
constexpr std::string_view kSlowAnswers = R"({"latency_ms": 150})";

// Operations logged since `before` entries were in the log.
std::vector<std::string> operations_since(TestCloud& cloud, std::size_t before) {
  auto all = logged_operations(cloud);
  return {all.begin() + static_cast<std::ptrdiff_t>(std::min(before, all.size())), all.end()};
}

NetworkLookup look_up(TestCloud& cloud, const std::string& cidr) {
  auto found = ops::look_up_network(cloud.client(), cidr);
  EXPECT_TRUE(found.has_value()) << found.error().message;
  return found.value_or(NetworkLookup{});
}

NetworkChoice ensure(TestCloud& cloud, const NetworkLookup& found, const NetworkRequest& request,
                     Saga& saga) {
  auto choice = ops::ensure_network(cloud.client(), found, request, saga);
  EXPECT_TRUE(choice.has_value()) << choice.error().message;
  return choice.value_or(NetworkChoice{});
}

std::optional<aws::SecurityGroup> group_by_id(TestCloud& cloud, const std::string& id) {
  auto groups = cloud.ec2().describe_security_groups_all({.ids = {id}});
  if (!groups || groups->empty())
    return std::nullopt;
  return groups->front();
}

std::vector<aws::SecurityGroup> spawn_groups(TestCloud& cloud) {
  auto groups =
      cloud.ec2().describe_security_groups_all({.filters = {{"tag:spawn:managed", {"true"}}}});
  EXPECT_TRUE(groups.has_value());
  return groups.value_or(std::vector<aws::SecurityGroup>{});
}

// The one SSH rule spawn's group must hold: TCP 22 from `cidr`, nothing else in.
void expect_only_ssh_from(const aws::SecurityGroup& group, const std::string& cidr) {
  ASSERT_EQ(group.ingress.size(), 1u) << group.group_id;
  const aws::IpPermission& rule = group.ingress[0];
  EXPECT_EQ(rule.ip_protocol, "tcp");
  EXPECT_EQ(rule.from_port, 22);
  EXPECT_EQ(rule.to_port, 22);
  ASSERT_EQ(rule.ip_ranges.size(), 1u);
  EXPECT_EQ(rule.ip_ranges[0].cidr_ip, cidr);
  EXPECT_EQ(rule.ip_ranges[0].description, "SSH from spawn user");
}

class DefaultVpcNetworkTest : public CloudSuite<DefaultVpcNetworkTest> {};

TEST_F(DefaultVpcNetworkTest, ANewSshGroupTakesTwoSequentialRoundTrips) {
  const std::string cidr = "192.0.2.200/32";
  NetworkLookup found = look_up(cloud(), cidr);
  std::size_t before = logged_operations(cloud()).size();
  ASSERT_TRUE(cloud().admin_post("/_localcloud/faults", std::string(kSlowAnswers)));
  Saga saga;
  NetworkChoice choice = ensure(cloud(), found, {.ssh_cidr = cidr}, saga);
  ASSERT_TRUE(cloud().admin_delete("/_localcloud/faults"));
  saga.commit();
  EXPECT_TRUE(choice.created_group);
  EXPECT_EQ(sequential_rounds(timed_requests(cloud(), before)), 2);  // create group, allow SSH
}

TEST_F(DefaultVpcNetworkTest, UsesTheDefaultVpcAndCreatesTheSshGroupOnceThenReusesIt) {
  const std::string cidr = "203.0.113.7/32";
  NetworkLookup found = look_up(cloud(), cidr);
  ASSERT_TRUE(found.default_vpc.has_value());
  EXPECT_FALSE(found.spawn_vpc.has_value());
  EXPECT_TRUE(found.ssh_groups.empty());
  Saga saga;
  NetworkChoice choice = ensure(cloud(), found, {.ssh_cidr = cidr}, saga);
  EXPECT_EQ(choice.vpc_id, found.default_vpc->vpc_id);
  EXPECT_EQ(choice.subnet_id, "");  // EC2 takes the zone's default subnet
  EXPECT_TRUE(choice.created_group);
  EXPECT_FALSE(choice.created_vpc);
  saga.commit();

  auto group = group_by_id(cloud(), choice.security_group_id);
  ASSERT_TRUE(group.has_value());
  EXPECT_EQ(group->group_name, "spawn-ssh-203-0-113-7-32");
  EXPECT_EQ(group->vpc_id, choice.vpc_id);
  EXPECT_EQ(aws::tag_value(group->tags, "spawn:managed"), "true");
  EXPECT_EQ(aws::tag_value(group->tags, "spawn:ssh-from"), cidr);
  EXPECT_EQ(aws::tag_value(group->tags, "spawn:created-by"), "spawn");
  EXPECT_EQ(aws::tag_value(group->tags, "Name"), "spawn-ssh-203-0-113-7-32");
  expect_only_ssh_from(*group, cidr);

  NetworkLookup again = look_up(cloud(), cidr);
  ASSERT_EQ(again.ssh_groups.size(), 1u);
  std::size_t before = logged_operations(cloud()).size();
  Saga second_saga;
  NetworkChoice reused = ensure(cloud(), again, {.ssh_cidr = cidr}, second_saga);
  EXPECT_EQ(reused.security_group_id, choice.security_group_id);
  EXPECT_FALSE(reused.created_group);
  EXPECT_TRUE(operations_since(cloud(), before).empty());
  EXPECT_TRUE(second_saga.recorded().empty());
}

TEST_F(DefaultVpcNetworkTest, ADifferentCallerRangeGetsItsOwnGroupWithOneSshRule) {
  Saga saga;
  NetworkChoice first =
      ensure(cloud(), look_up(cloud(), "198.51.100.4/32"), {.ssh_cidr = "198.51.100.4/32"}, saga);
  NetworkChoice second =
      ensure(cloud(), look_up(cloud(), "198.51.100.0/24"), {.ssh_cidr = "198.51.100.0/24"}, saga);
  saga.commit();
  EXPECT_NE(first.security_group_id, second.security_group_id);
  auto group = group_by_id(cloud(), second.security_group_id);
  ASSERT_TRUE(group.has_value());
  EXPECT_EQ(group->group_name, "spawn-ssh-198-51-100-0-24");
  expect_only_ssh_from(*group, "198.51.100.0/24");
}

TEST_F(DefaultVpcNetworkTest, RollingBackRemovesTheGroupItCreated) {
  const std::string cidr = "192.0.2.9/32";
  Saga saga;
  NetworkChoice choice = ensure(cloud(), look_up(cloud(), cidr), {.ssh_cidr = cidr}, saga);
  ASSERT_TRUE(group_by_id(cloud(), choice.security_group_id).has_value());
  EXPECT_EQ(saga.roll_back(), std::vector<std::string>{});
  EXPECT_FALSE(group_by_id(cloud(), choice.security_group_id).has_value());
  EXPECT_TRUE(look_up(cloud(), cidr).ssh_groups.empty());
}

TEST_F(DefaultVpcNetworkTest, AGroupCreatedByAConcurrentLaunchIsUsed) {
  const std::string cidr = "192.0.2.77/32";
  NetworkLookup stale = look_up(cloud(), cidr);  // taken before the other launch created it
  Saga other_launch;
  NetworkChoice theirs = ensure(cloud(), stale, {.ssh_cidr = cidr}, other_launch);
  other_launch.commit();
  Saga saga;
  NetworkChoice ours = ensure(cloud(), stale, {.ssh_cidr = cidr}, saga);
  EXPECT_EQ(ours.security_group_id, theirs.security_group_id);
  EXPECT_FALSE(ours.created_group);
  EXPECT_TRUE(saga.recorded().empty());  // not ours to take away
}

TEST_F(DefaultVpcNetworkTest, ExplicitIdsWinAndUnknownOnesNameTheirFlag) {
  const std::string cidr = "192.0.2.10/32";
  NetworkLookup found = look_up(cloud(), cidr);
  ASSERT_TRUE(found.default_vpc.has_value());
  auto subnets =
      cloud().ec2().describe_subnets_all({.filters = {{"vpc-id", {found.default_vpc->vpc_id}},
                                                      {"availability-zone", {"us-east-1b"}}}});
  ASSERT_TRUE(subnets && !subnets->empty());
  auto defaults = cloud().ec2().describe_security_groups_all(
      {.filters = {{"vpc-id", {found.default_vpc->vpc_id}}, {"group-name", {"default"}}}});
  ASSERT_TRUE(defaults && !defaults->empty());
  Saga saga;
  NetworkChoice choice = ensure(cloud(), found,
                                {.ssh_cidr = cidr,
                                 .subnet_id = subnets->front().subnet_id,
                                 .security_group_id = defaults->front().group_id},
                                saga);
  EXPECT_EQ(choice.vpc_id, found.default_vpc->vpc_id);
  EXPECT_EQ(choice.subnet_id, subnets->front().subnet_id);
  EXPECT_EQ(choice.security_group_id, defaults->front().group_id);
  EXPECT_TRUE(saga.recorded().empty());

  auto unknown = ops::ensure_network(
      cloud().client(), found, {.ssh_cidr = cidr, .subnet_id = "subnet-0000000000000000f"}, saga);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().kind, ErrorKind::usage);
  EXPECT_NE(unknown.error().message.find("--subnet"), std::string::npos) << unknown.error().message;
}

// Each test gets a fresh localcloud whose regions have no default VPC.
class NoDefaultVpcNetworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = TestCloud::start(dir_.path(), {.default_vpc = localcloud::DefaultVpc::no});
    ASSERT_TRUE(started) << started.error().message;
    cloud_ = std::move(*started);
  }
  TestCloud& cloud() { return *cloud_; }

  std::vector<aws::Vpc> vpcs() {
    auto all = cloud().ec2().describe_vpcs_all({});
    EXPECT_TRUE(all.has_value());
    return all.value_or(std::vector<aws::Vpc>{});
  }
  std::vector<aws::InternetGateway> gateways() {
    auto all = cloud().ec2().describe_internet_gateways_all({});
    EXPECT_TRUE(all.has_value());
    return all.value_or(std::vector<aws::InternetGateway>{});
  }
  std::vector<aws::Subnet> subnets() {
    auto all = cloud().ec2().describe_subnets_all({});
    EXPECT_TRUE(all.has_value());
    return all.value_or(std::vector<aws::Subnet>{});
  }

  TempDir dir_;
  std::unique_ptr<TestCloud> cloud_;
};

void expect_shared_tags(const std::vector<aws::Tag>& tags) {
  EXPECT_EQ(aws::tag_value(tags, "spawn:managed"), "true");
  EXPECT_EQ(aws::tag_value(tags, "spawn:shared"), "true");
  EXPECT_EQ(aws::tag_value(tags, "spawn:created-by"), "spawn");
  EXPECT_EQ(aws::tag_value(tags, "Name"), "spawn");
}

TEST_F(NoDefaultVpcNetworkTest, BuildsTheSpawnVpcWithGatewayRouteAndSubnetThenReusesIt) {
  const std::string cidr = "203.0.113.7/32";
  NetworkLookup found = look_up(cloud(), cidr);
  ASSERT_FALSE(found.default_vpc.has_value());
  ASSERT_FALSE(found.spawn_vpc.has_value());
  Saga saga;
  NetworkChoice choice =
      ensure(cloud(), found, {.ssh_cidr = cidr, .availability_zone = "us-east-1b"}, saga);
  saga.commit();
  EXPECT_TRUE(choice.created_vpc);
  EXPECT_TRUE(choice.created_group);

  std::vector<aws::Vpc> all_vpcs = vpcs();
  ASSERT_EQ(all_vpcs.size(), 1u);
  EXPECT_EQ(all_vpcs[0].vpc_id, choice.vpc_id);
  EXPECT_EQ(all_vpcs[0].cidr_block, "10.0.0.0/16");
  expect_shared_tags(all_vpcs[0].tags);
  EXPECT_THAT(logged_operations(cloud()), Contains("ModifyVpcAttribute"));  // DNS hostnames

  std::vector<aws::InternetGateway> all_gateways = gateways();
  ASSERT_EQ(all_gateways.size(), 1u);
  ASSERT_EQ(all_gateways[0].attachments.size(), 1u);
  EXPECT_EQ(all_gateways[0].attachments[0].vpc_id, choice.vpc_id);
  expect_shared_tags(all_gateways[0].tags);

  auto tables = cloud().ec2().describe_route_tables_all(
      {.filters = {{"vpc-id", {choice.vpc_id}}, {"association.main", {"true"}}}});
  ASSERT_TRUE(tables && tables->size() == 1u);
  bool routed = false;
  for (const aws::Route& route : tables->front().routes) {
    routed |= route.destination_cidr_block == "0.0.0.0/0" &&
              route.gateway_id == all_gateways[0].internet_gateway_id;
  }
  EXPECT_TRUE(routed);
  expect_shared_tags(tables->front().tags);

  std::vector<aws::Subnet> all_subnets = subnets();
  ASSERT_EQ(all_subnets.size(), 1u);
  EXPECT_EQ(all_subnets[0].subnet_id, choice.subnet_id);
  EXPECT_EQ(all_subnets[0].vpc_id, choice.vpc_id);
  EXPECT_EQ(all_subnets[0].availability_zone, "us-east-1b");
  EXPECT_EQ(all_subnets[0].cidr_block, "10.0.1.0/24");
  EXPECT_TRUE(all_subnets[0].map_public_ip_on_launch);
  expect_shared_tags(all_subnets[0].tags);

  // The next launch, in any zone or the same one, creates nothing.
  for (std::string zone : {"", "us-east-1b"}) {
    NetworkLookup again = look_up(cloud(), cidr);
    ASSERT_TRUE(again.spawn_vpc.has_value());
    EXPECT_EQ(again.spawn_vpc->vpc_id, choice.vpc_id);
    std::size_t before = logged_operations(cloud()).size();
    Saga reuse_saga;
    NetworkChoice reused =
        ensure(cloud(), again, {.ssh_cidr = cidr, .availability_zone = zone}, reuse_saga);
    EXPECT_TRUE(operations_since(cloud(), before).empty()) << zone;
    EXPECT_EQ(reused.vpc_id, choice.vpc_id);
    EXPECT_EQ(reused.subnet_id, choice.subnet_id);
    EXPECT_EQ(reused.security_group_id, choice.security_group_id);
    EXPECT_FALSE(reused.created_vpc);
    EXPECT_TRUE(reuse_saga.recorded().empty());
  }
  EXPECT_EQ(vpcs().size(), 1u);
}

TEST_F(NoDefaultVpcNetworkTest, AZoneWithoutASubnetGetsOneInTheSameVpc) {
  const std::string cidr = "203.0.113.7/32";
  Saga saga;
  NetworkChoice first = ensure(cloud(), look_up(cloud(), cidr),
                               {.ssh_cidr = cidr, .availability_zone = "us-east-1a"}, saga);
  std::size_t before = logged_operations(cloud()).size();
  NetworkChoice second = ensure(cloud(), look_up(cloud(), cidr),
                                {.ssh_cidr = cidr, .availability_zone = "us-east-1c"}, saga);
  saga.commit();
  // The look-up's three Describe calls, then the subnet and its public IPs.
  EXPECT_THAT(
      operations_since(cloud(), before),
      ::testing::UnorderedElementsAre("DescribeVpcs", "DescribeSubnets", "DescribeSecurityGroups",
                                      "CreateSubnet", "ModifySubnetAttribute"));
  EXPECT_EQ(second.vpc_id, first.vpc_id);
  EXPECT_NE(second.subnet_id, first.subnet_id);
  EXPECT_EQ(second.security_group_id, first.security_group_id);
  std::vector<aws::Subnet> all_subnets = subnets();
  ASSERT_EQ(all_subnets.size(), 2u);
  for (const aws::Subnet& subnet : all_subnets) {
    EXPECT_EQ(subnet.vpc_id, first.vpc_id);
    EXPECT_TRUE(subnet.map_public_ip_on_launch);
    if (subnet.subnet_id == second.subnet_id) {
      EXPECT_EQ(subnet.availability_zone, "us-east-1c");
      EXPECT_EQ(subnet.cidr_block, "10.0.2.0/24");
    }
  }
}

TEST_F(NoDefaultVpcNetworkTest, BuildingTheSpawnVpcTakesThreeSequentialRoundTrips) {
  NetworkLookup found = look_up(cloud(), "203.0.113.7/32");
  ASSERT_TRUE(cloud().admin_post("/_localcloud/faults", std::string(kSlowAnswers)));
  std::size_t before = logged_operations(cloud()).size();
  Saga saga;
  NetworkChoice choice = ensure(cloud(), found, {.ssh_cidr = "203.0.113.7/32"}, saga);
  ASSERT_TRUE(cloud().admin_delete("/_localcloud/faults"));
  EXPECT_TRUE(choice.created_vpc);
  // (VPC, gateway) -> (attach, DNS, main table, subnet, group) -> (route, tags, public
  // IPs, SSH rule)
  EXPECT_EQ(sequential_rounds(timed_requests(cloud(), before)), 3);
}

TEST_F(NoDefaultVpcNetworkTest, RollingBackRemovesTheSpawnVpcAndEverythingInIt) {
  Saga saga;
  NetworkChoice choice =
      ensure(cloud(), look_up(cloud(), "203.0.113.7/32"), {.ssh_cidr = "203.0.113.7/32"}, saga);
  ASSERT_FALSE(choice.vpc_id.empty());
  EXPECT_EQ(saga.roll_back(), std::vector<std::string>{});
  EXPECT_TRUE(vpcs().empty());
  EXPECT_TRUE(gateways().empty());
  EXPECT_TRUE(subnets().empty());
  EXPECT_TRUE(spawn_groups(cloud()).empty());
}

TEST_F(NoDefaultVpcNetworkTest, RollBackWaitsForAnInstanceUsingTheGroupToTerminate) {
  Saga saga;
  NetworkChoice choice =
      ensure(cloud(), look_up(cloud(), "203.0.113.7/32"), {.ssh_cidr = "203.0.113.7/32"}, saga);
  auto instance = cloud().launch(
      {.security_group_ids = {choice.security_group_id}, .subnet_id = choice.subnet_id});
  ASSERT_TRUE(instance) << instance.error().message;
  std::vector<std::string> failures{"not run"};
  std::thread rolling_back([&] { failures = saga.roll_back(); });
  bool refused = wait_until([&] {
    auto operations = logged_operations(cloud());
    return std::find(operations.begin(), operations.end(), "DeleteSecurityGroup") !=
           operations.end();
  });
  EXPECT_TRUE(refused) << ::testing::PrintToString(logged_operations(cloud()));
  EXPECT_TRUE(cloud().ec2().terminate_instances({.instance_ids = {*instance}}).has_value());
  rolling_back.join();
  EXPECT_EQ(failures, std::vector<std::string>{});
  EXPECT_TRUE(vpcs().empty());
  EXPECT_TRUE(spawn_groups(cloud()).empty());
}

}  // namespace
}  // namespace spawn::integration
