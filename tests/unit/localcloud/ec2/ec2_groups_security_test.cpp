// Security groups and their rules.
#include "aws/ec2_parse.hpp"
#include "ec2_network_fixture.hpp"
#include "localcloud/services/ec2/ec2_network_defaults.hpp"

namespace spawn::localcloud::network_testing {
namespace {

using aws::parse_items;
using SecurityGroupTest = Ec2NetworkTest;

std::vector<aws::SecurityGroup> groups_of(pugi::xml_node root) {
  return parse_items(root, "securityGroupInfo", aws::parse_security_group);
}

constexpr std::string_view kSsh =
    "&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=22&IpPermissions.1.ToPort=22"
    "&IpPermissions.1.IpRanges.1.CidrIp=203.0.113.0%2F24"
    "&IpPermissions.1.IpRanges.1.Description=office";

TEST_F(SecurityGroupTest, CreateWithoutVpcUsesTheDefaultVpc) {
  pugi::xml_node root = ok("CreateSecurityGroup",
                           "GroupName=spawn-web&GroupDescription=spawn+launch"
                           "&TagSpecification.1.ResourceType=security-group"
                           "&TagSpecification.1.Tag.1.Key=spawn%3Amanaged"
                           "&TagSpecification.1.Tag.1.Value=true");
  std::string group_id = aws::xml::text(root, "groupId");
  EXPECT_TRUE(group_id.starts_with("sg-"));
  EXPECT_EQ(aws::parse_tag_set(root).size(), 1u);
  auto groups = groups_of(ok("DescribeSecurityGroups", "GroupId.1=" + group_id));
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].group_name, "spawn-web");
  EXPECT_EQ(groups[0].description, "spawn launch");
  EXPECT_EQ(groups[0].owner_id, "123456789012");
  auto default_vpc =
      parse_items(ok("DescribeVpcs", "Filter.1.Name=is-default&Filter.1.Value.1=true"), "vpcSet",
                  aws::parse_vpc);
  ASSERT_EQ(default_vpc.size(), 1u);
  EXPECT_EQ(groups[0].vpc_id, default_vpc[0].vpc_id);
  EXPECT_TRUE(groups[0].ingress.empty());
  ASSERT_EQ(groups[0].egress.size(), 1u);
  EXPECT_EQ(groups[0].egress[0].ip_ranges[0].cidr_ip, "0.0.0.0/0");
}

TEST_F(SecurityGroupTest, NamesAreUniquePerVpc) {
  std::string vpc_id = create_vpc();
  create_group("web", vpc_id);
  expect_error("CreateSecurityGroup", "GroupName=web&GroupDescription=x&VpcId=" + vpc_id,
               "InvalidGroup.Duplicate");
  create_group("web", create_vpc("10.1.0.0/16"));
  expect_error("CreateSecurityGroup", "GroupName=default&GroupDescription=x&VpcId=" + vpc_id,
               "InvalidParameterValue");
  expect_error("CreateSecurityGroup", "GroupName=sg-1&GroupDescription=x&VpcId=" + vpc_id,
               "InvalidParameterValue");
  expect_error("CreateSecurityGroup", "GroupName=web2&VpcId=" + vpc_id, "MissingParameter");
  expect_error("CreateSecurityGroup",
               "GroupName=web2&GroupDescription=x&VpcId=vpc-0000000000000000f",
               "InvalidVpcID.NotFound");
}

TEST_F(SecurityGroupTest, AuthorizeIngressStoresRulesInEc2Shape) {
  std::string group_id = create_group("web", create_vpc());
  pugi::xml_node root =
      ok("AuthorizeSecurityGroupIngress", "GroupId=" + group_id + std::string(kSsh));
  EXPECT_EQ(aws::xml::text(root, "return"), "true");
  EXPECT_TRUE(
      aws::xml::text(root, "securityGroupRuleSet/item/securityGroupRuleId").starts_with("sgr-"));
  // The legacy flat form adds a second range to the same port rule.
  ok("AuthorizeSecurityGroupIngress",
     "GroupId=" + group_id + "&IpProtocol=tcp&FromPort=22&ToPort=22&CidrIp=198.51.100.7%2F32");
  ok("AuthorizeSecurityGroupIngress",
     "GroupId=" + group_id +
         "&IpPermissions.1.IpProtocol=-1&IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0%2F8");
  auto groups = groups_of(ok("DescribeSecurityGroups", "GroupId.1=" + group_id));
  ASSERT_EQ(groups.size(), 1u);
  ASSERT_EQ(groups[0].ingress.size(), 2u);
  const aws::IpPermission& ssh = groups[0].ingress[0];
  EXPECT_EQ(ssh.ip_protocol, "tcp");
  EXPECT_EQ(ssh.from_port, 22);
  EXPECT_EQ(ssh.to_port, 22);
  ASSERT_EQ(ssh.ip_ranges.size(), 2u);
  EXPECT_EQ(ssh.ip_ranges[0].cidr_ip, "203.0.113.0/24");
  EXPECT_EQ(ssh.ip_ranges[0].description, "office");
  EXPECT_EQ(ssh.ip_ranges[1].cidr_ip, "198.51.100.7/32");
  const aws::IpPermission& all = groups[0].ingress[1];
  EXPECT_EQ(all.ip_protocol, "-1");
  EXPECT_FALSE(all.from_port.has_value());
}

TEST_F(SecurityGroupTest, AuthorizeIngressRejectsDuplicatesAndBadRules) {
  std::string group_id = create_group("web", create_vpc());
  std::string body = "GroupId=" + group_id;
  ok("AuthorizeSecurityGroupIngress", body + std::string(kSsh));
  expect_error("AuthorizeSecurityGroupIngress", body + std::string(kSsh),
               "InvalidPermission.Duplicate");
  expect_error("AuthorizeSecurityGroupIngress",
               body + "&IpProtocol=tcp&FromPort=22&ToPort=22&CidrIp=203.0.113.0%2F24",
               "InvalidPermission.Duplicate");
  expect_error("AuthorizeSecurityGroupIngress",
               body + "&IpProtocol=tcp&FromPort=80&ToPort=80&CidrIp=203.0.113.5%2F24",
               "InvalidParameterValue");
  expect_error("AuthorizeSecurityGroupIngress",
               body + "&IpProtocol=tcp&FromPort=80&ToPort=80&CidrIp=not-a-cidr",
               "InvalidParameterValue");
  expect_error("AuthorizeSecurityGroupIngress",
               body + "&IpProtocol=tcp&FromPort=90&ToPort=80&CidrIp=0.0.0.0%2F0",
               "InvalidParameterValue");
  expect_error("AuthorizeSecurityGroupIngress", body + "&IpProtocol=tcp&CidrIp=0.0.0.0%2F0",
               "InvalidParameterValue");
  expect_error("AuthorizeSecurityGroupIngress",
               body + "&IpProtocol=gopher&FromPort=70&ToPort=70&CidrIp=0.0.0.0%2F0",
               "InvalidParameterValue");
  expect_error("AuthorizeSecurityGroupIngress", body, "MissingParameter");
  expect_error("AuthorizeSecurityGroupIngress", "GroupId=sg-0000000000000000f" + std::string(kSsh),
               "InvalidGroup.NotFound");
  // A failed request leaves the group as it was.
  EXPECT_EQ(groups_of(ok("DescribeSecurityGroups", "GroupId.1=" + group_id))[0].ingress.size(), 1u);
}

TEST_F(SecurityGroupTest, RevokeIngressRemovesRules) {
  std::string group_id = create_group("web", create_vpc());
  ok("AuthorizeSecurityGroupIngress", "GroupId=" + group_id + std::string(kSsh));
  ok("RevokeSecurityGroupIngress",
     "GroupId=" + group_id + "&IpProtocol=tcp&FromPort=22&ToPort=22&CidrIp=203.0.113.0%2F24");
  EXPECT_TRUE(groups_of(ok("DescribeSecurityGroups", "GroupId.1=" + group_id))[0].ingress.empty());
  expect_error("RevokeSecurityGroupIngress", "GroupId=" + group_id + std::string(kSsh),
               "InvalidPermission.NotFound");
}

TEST_F(SecurityGroupTest, DescribeByNameAndFilters) {
  std::string vpc_id = create_vpc();
  std::string web = create_group("web", vpc_id);
  std::string db = create_group("db", vpc_id);
  ok("AuthorizeSecurityGroupIngress", "GroupId=" + web + std::string(kSsh));
  auto by_cidr = groups_of(ok("DescribeSecurityGroups",
                              "Filter.1.Name=ip-permission.cidr&Filter.1.Value.1=203.0.113.0/24"));
  ASSERT_EQ(by_cidr.size(), 1u);
  EXPECT_EQ(by_cidr[0].group_id, web);
  auto by_name = groups_of(ok("DescribeSecurityGroups",
                              "Filter.1.Name=group-name&Filter.1.Value.1=d*"
                              "&Filter.2.Name=vpc-id&Filter.2.Value.1=" +
                                  vpc_id));
  ASSERT_EQ(by_name.size(), 2u);  // db and default
  auto named = groups_of(ok("DescribeSecurityGroups", "GroupName.1=db"));
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0].group_id, db);
  auto default_group = groups_of(ok("DescribeSecurityGroups", "GroupName.1=default"));
  ASSERT_EQ(default_group.size(), 1u);
  auto default_vpc = store_->get("us-east-1", kDefaultNetworkKind, kDefaultNetworkMarkerId);
  EXPECT_EQ(default_group[0].vpc_id, default_vpc->at("VpcId"));
  expect_error("DescribeSecurityGroups", "GroupName.1=nope", "InvalidGroup.NotFound");
  expect_error("DescribeSecurityGroups", "GroupId.1=sg-0000000000000000f", "InvalidGroup.NotFound");
}

TEST_F(SecurityGroupTest, DeleteRefusedWhileALiveInstanceUsesTheGroup) {
  std::string group_id = create_group("web", create_vpc());
  Json instance{{"SecurityGroups", Json::array({{{"GroupId", group_id}, {"GroupName", "web"}}})},
                {"State", {{"Code", 80}, {"Name", "stopped"}}}};
  std::string instance_id = put_instance(instance);
  Reply reply = call("DeleteSecurityGroup", "GroupId=" + group_id);
  EXPECT_EQ(reply.code, "DependencyViolation");
  EXPECT_EQ(reply.message, "resource " + group_id + " has a dependent object");
  instance["InstanceId"] = instance_id;
  instance["State"] = {{"Code", 48}, {"Name", "terminated"}};
  put_instance(instance);
  ok("DeleteSecurityGroup", "GroupId=" + group_id);
  expect_error("DeleteSecurityGroup", "GroupId=" + group_id, "InvalidGroup.NotFound");
}

TEST_F(SecurityGroupTest, DeleteRefusedWhileAnotherGroupReferencesIt) {
  std::string vpc_id = create_vpc();
  std::string web = create_group("web", vpc_id);
  std::string db = create_group("db", vpc_id);
  ok("AuthorizeSecurityGroupIngress",
     "GroupId=" + db +
         "&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=5432"
         "&IpPermissions.1.ToPort=5432&IpPermissions.1.Groups.1.GroupId=" +
         web);
  expect_error("DeleteSecurityGroup", "GroupId=" + web, "DependencyViolation");
  ok("DeleteSecurityGroup", "GroupId=" + db);
  ok("DeleteSecurityGroup", "GroupId=" + web);
}

TEST_F(SecurityGroupTest, TheDefaultGroupCannotBeDeleted) {
  auto groups = groups_of(ok("DescribeSecurityGroups", "GroupName.1=default"));
  ASSERT_EQ(groups.size(), 1u);
  expect_error("DeleteSecurityGroup", "GroupId=" + groups[0].group_id, "CannotDelete");
  expect_error("DeleteSecurityGroup", "GroupName=default", "CannotDelete");
  expect_error("DeleteSecurityGroup", "", "MissingParameter");
}

TEST_F(SecurityGroupTest, DeleteByNameInTheDefaultVpc) {
  ok("CreateSecurityGroup", "GroupName=legacy&GroupDescription=x");
  ok("DeleteSecurityGroup", "GroupName=legacy");
  expect_error("DeleteSecurityGroup", "GroupName=legacy", "InvalidGroup.NotFound");
}

TEST_F(SecurityGroupTest, MutatingGroupCallsAnswerDryRun) {
  std::string vpc_id = create_vpc();
  expect_dry_run("CreateSecurityGroup", "GroupName=web&GroupDescription=x&VpcId=" + vpc_id);
  std::string group_id = create_group("web", vpc_id);
  expect_dry_run("AuthorizeSecurityGroupIngress", "GroupId=" + group_id + std::string(kSsh));
  ok("AuthorizeSecurityGroupIngress", "GroupId=" + group_id + std::string(kSsh));
  expect_dry_run("RevokeSecurityGroupIngress", "GroupId=" + group_id + std::string(kSsh));
  expect_dry_run("DeleteSecurityGroup", "GroupId=" + group_id);
  auto groups = groups_of(ok("DescribeSecurityGroups", "GroupId.1=" + group_id));
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].ingress.size(), 1u);
  auto named_web =
      groups_of(ok("DescribeSecurityGroups", "Filter.1.Name=group-name&Filter.1.Value.1=web"));
  EXPECT_EQ(named_web.size(), 1u);
}

}  // namespace
}  // namespace spawn::localcloud::network_testing
