// The VPC workflow a user scripts with the CLI: create a VPC, subnet, internet
// gateway, route table, security group and placement group; read them back;
// hit the DependencyViolation errors; tear everything down in order. Also the
// default VPC and regions that keep their resources apart.
#include "localcloud_suite.hpp"

namespace spawn::conformance {
namespace {

class Network : public LocalcloudSuite {
 protected:
  // Runs `args`, expects success, and returns the string at `pointer` of the answer.
  static std::string created_id(const std::vector<std::string>& args, const std::string& pointer) {
    AwsResult created = aws(args);
    EXPECT_TRUE(created.succeeded()) << created;
    std::string id = text_at(created.json(), pointer);
    EXPECT_FALSE(id.empty()) << pointer << " missing: " << created;
    return id;
  }
};

// Everything the workflow creates.
struct CreatedNetwork {
  std::string vpc, subnet, gateway, route_table, association, group, group_name, placement_group;
};

class NetworkWorkflow : public Network {
 protected:
  // A VPC with a subnet, an attached gateway, a route table with a default route associated
  // with the subnet, a security group open on port 22, and a cluster placement group.
  CreatedNetwork create_network() const {
    CreatedNetwork net;
    net.vpc = created_id({"ec2", "create-vpc", "--cidr-block", "10.20.0.0/16"}, "/Vpc/VpcId");
    net.subnet = created_id({"ec2", "create-subnet", "--vpc-id", net.vpc, "--cidr-block",
                             "10.20.1.0/24", "--availability-zone", "us-east-1a"},
                            "/Subnet/SubnetId");
    net.gateway =
        created_id({"ec2", "create-internet-gateway"}, "/InternetGateway/InternetGatewayId");
    aws_ok({"ec2", "attach-internet-gateway", "--internet-gateway-id", net.gateway, "--vpc-id",
            net.vpc});
    net.route_table =
        created_id({"ec2", "create-route-table", "--vpc-id", net.vpc}, "/RouteTable/RouteTableId");
    EXPECT_EQ(
        json_at(aws_ok({"ec2", "create-route", "--route-table-id", net.route_table,
                        "--destination-cidr-block", "0.0.0.0/0", "--gateway-id", net.gateway}),
                "/Return"),
        true);
    net.association = created_id({"ec2", "associate-route-table", "--route-table-id",
                                  net.route_table, "--subnet-id", net.subnet},
                                 "/AssociationId");
    net.group_name = unique_name("web");
    net.group = created_id({"ec2", "create-security-group", "--group-name", net.group_name,
                            "--description", "conformance", "--vpc-id", net.vpc},
                           "/GroupId");
    EXPECT_EQ(json_at(aws_ok({"ec2", "authorize-security-group-ingress", "--group-id", net.group,
                              "--protocol", "tcp", "--port", "22", "--cidr", "0.0.0.0/0"}),
                      "/Return"),
              true);
    net.placement_group = unique_name("pg");
    aws_ok({"ec2", "create-placement-group", "--group-name", net.placement_group, "--strategy",
            "cluster"});
    return net;
  }

  static void expect_vpc_and_subnet(const CreatedNetwork& net) {
    nlohmann::json vpc = json_at(aws_ok({"ec2", "describe-vpcs", "--vpc-ids", net.vpc}), "/Vpcs/0");
    EXPECT_EQ(text_at(vpc, "/CidrBlock"), "10.20.0.0/16") << vpc.dump();
    EXPECT_EQ(text_at(vpc, "/State"), "available") << vpc.dump();
    EXPECT_EQ(json_at(vpc, "/IsDefault"), false) << vpc.dump();

    nlohmann::json subnets =
        json_at(aws_ok({"ec2", "describe-subnets", "--filters", "Name=vpc-id,Values=" + net.vpc}),
                "/Subnets");
    ASSERT_EQ(subnets.size(), 1u) << subnets.dump();
    EXPECT_EQ(text_at(subnets[0], "/SubnetId"), net.subnet);
    EXPECT_EQ(text_at(subnets[0], "/CidrBlock"), "10.20.1.0/24");
    EXPECT_EQ(text_at(subnets[0], "/AvailabilityZone"), "us-east-1a");
    EXPECT_EQ(json_at(subnets[0], "/AvailableIpAddressCount"), 251) << subnets.dump();
  }

  static void expect_gateway_and_routes(const CreatedNetwork& net) {
    nlohmann::json gateway = json_at(
        aws_ok({"ec2", "describe-internet-gateways", "--internet-gateway-ids", net.gateway}),
        "/InternetGateways/0");
    EXPECT_EQ(text_at(gateway, "/Attachments/0/VpcId"), net.vpc) << gateway.dump();
    EXPECT_EQ(text_at(gateway, "/Attachments/0/State"), "available") << gateway.dump();

    nlohmann::json tables = json_at(
        aws_ok({"ec2", "describe-route-tables", "--filters", "Name=vpc-id,Values=" + net.vpc}),
        "/RouteTables");
    EXPECT_EQ(tables.size(), 2u) << "the VPC's main route table and ours: " << tables.dump();
    nlohmann::json table = find_by(tables, "RouteTableId", net.route_table);
    nlohmann::json routes = json_at(table, "/Routes");
    EXPECT_EQ(text_at(find_by(routes, "DestinationCidrBlock", "0.0.0.0/0"), "/GatewayId"),
              net.gateway)
        << table.dump();
    EXPECT_EQ(text_at(find_by(routes, "DestinationCidrBlock", "10.20.0.0/16"), "/GatewayId"),
              "local")
        << table.dump();
    EXPECT_EQ(text_at(table, "/Associations/0/SubnetId"), net.subnet) << table.dump();
  }

  static void expect_groups(const CreatedNetwork& net) {
    nlohmann::json groups = json_at(
        aws_ok({"ec2", "describe-security-groups", "--filters", "Name=vpc-id,Values=" + net.vpc}),
        "/SecurityGroups");
    EXPECT_FALSE(find_by(groups, "GroupName", "default").is_null())
        << "every VPC has a default security group: " << groups.dump();
    nlohmann::json group = find_by(groups, "GroupId", net.group);
    EXPECT_EQ(text_at(group, "/GroupName"), net.group_name) << group.dump();
    EXPECT_EQ(text_at(group, "/IpPermissions/0/IpProtocol"), "tcp") << group.dump();
    EXPECT_EQ(json_at(group, "/IpPermissions/0/FromPort"), 22) << group.dump();
    EXPECT_EQ(json_at(group, "/IpPermissions/0/ToPort"), 22) << group.dump();
    EXPECT_EQ(text_at(group, "/IpPermissions/0/IpRanges/0/CidrIp"), "0.0.0.0/0") << group.dump();
    EXPECT_EQ(text_at(group, "/IpPermissionsEgress/0/IpProtocol"), "-1")
        << "a new VPC security group allows all egress: " << group.dump();

    nlohmann::json placement =
        json_at(aws_ok({"ec2", "describe-placement-groups", "--group-names", net.placement_group}),
                "/PlacementGroups/0");
    EXPECT_EQ(text_at(placement, "/Strategy"), "cluster") << placement.dump();
    EXPECT_EQ(text_at(placement, "/State"), "available") << placement.dump();
  }

  // Deletes everything, each thing once nothing depends on it any more.
  static void tear_down(const CreatedNetwork& net) {
    aws_ok({"ec2", "disassociate-route-table", "--association-id", net.association});
    aws_ok({"ec2", "delete-route-table", "--route-table-id", net.route_table});
    aws_ok({"ec2", "detach-internet-gateway", "--internet-gateway-id", net.gateway, "--vpc-id",
            net.vpc});
    aws_ok({"ec2", "delete-internet-gateway", "--internet-gateway-id", net.gateway});
    aws_ok({"ec2", "delete-security-group", "--group-id", net.group});
    aws_ok({"ec2", "delete-subnet", "--subnet-id", net.subnet});
    aws_ok({"ec2", "delete-placement-group", "--group-name", net.placement_group});
    aws_ok({"ec2", "delete-vpc", "--vpc-id", net.vpc});
  }
};

TEST_F(NetworkWorkflow, CreatesDescribesAndTearsDownInOrder) {
  CreatedNetwork net = create_network();
  ASSERT_FALSE(HasFailure()) << "creating the network failed; nothing to describe";
  expect_vpc_and_subnet(net);
  expect_gateway_and_routes(net);
  expect_groups(net);
  EXPECT_TRUE(
      fails_with(aws({"ec2", "delete-internet-gateway", "--internet-gateway-id", net.gateway}),
                 "DependencyViolation"))
      << "an attached gateway cannot be deleted";
  tear_down(net);
  EXPECT_TRUE(
      fails_with(aws({"ec2", "describe-vpcs", "--vpc-ids", net.vpc}), "InvalidVpcID.NotFound"));
}

TEST_F(Network, DeletingResourcesInUseIsDependencyViolation) {
  std::string vpc = created_id({"ec2", "create-vpc", "--cidr-block", "10.30.0.0/16"}, "/Vpc/VpcId");
  std::string subnet =
      created_id({"ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.30.1.0/24"},
                 "/Subnet/SubnetId");
  std::string group = created_id({"ec2", "create-security-group", "--group-name",
                                  unique_name("web"), "--description", "in use", "--vpc-id", vpc},
                                 "/GroupId");
  AwsResult run = run_instances("t3.micro", {"--subnet-id", subnet, "--security-group-ids", group});
  ASSERT_TRUE(run.succeeded()) << run;
  EXPECT_EQ(text_at(run.json(), "/Instances/0/SubnetId"), subnet) << run.out;
  EXPECT_EQ(text_at(run.json(), "/Instances/0/SecurityGroups/0/GroupId"), group) << run.out;

  EXPECT_TRUE(fails_with(aws({"ec2", "delete-vpc", "--vpc-id", vpc}), "DependencyViolation"))
      << "the VPC still has a subnet";
  EXPECT_TRUE(
      fails_with(aws({"ec2", "delete-security-group", "--group-id", group}), "DependencyViolation"))
      << "an instance still uses the group";
  EXPECT_TRUE(
      fails_with(aws({"ec2", "delete-subnet", "--subnet-id", subnet}), "DependencyViolation"))
      << "an instance still runs in the subnet";
}

TEST_F(Network, DefaultVpcIsDescribedAsDefault) {
  nlohmann::json vpcs = json_at(
      aws_ok({"ec2", "describe-vpcs", "--filters", "Name=is-default,Values=true"}), "/Vpcs");
  ASSERT_EQ(vpcs.size(), 1u) << vpcs.dump();
  EXPECT_EQ(json_at(vpcs[0], "/IsDefault"), true) << vpcs.dump();
  EXPECT_EQ(text_at(vpcs[0], "/CidrBlock"), "172.31.0.0/16") << vpcs.dump();
}

TEST_F(Network, EachRegionKeepsItsOwnVpcs) {
  AwsCli ireland = cli();
  ireland.env.region = "eu-west-1";
  AwsResult created = ireland.run({"ec2", "create-vpc", "--cidr-block", "10.40.0.0/16"});
  ASSERT_TRUE(created.succeeded()) << created;
  std::string vpc = text_at(created.json(), "/Vpc/VpcId");

  AwsResult there = ireland.run({"ec2", "describe-vpcs", "--vpc-ids", vpc});
  ASSERT_TRUE(there.succeeded()) << there;
  EXPECT_EQ(text_at(there.json(), "/Vpcs/0/CidrBlock"), "10.40.0.0/16") << there.out;
  EXPECT_TRUE(fails_with(aws({"ec2", "describe-vpcs", "--vpc-ids", vpc}), "InvalidVpcID.NotFound"))
      << "a VPC made in eu-west-1 is not in us-east-1";
}

}  // namespace
}  // namespace spawn::conformance
