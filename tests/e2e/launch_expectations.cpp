#include "launch_expectations.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "aws_cli.hpp"
#include "localcloud/app/localcloud.hpp"

namespace spawn::e2e {

namespace {

bool is_read_only(const std::string& operation) {
  for (const char* prefix : {"Describe", "Get", "List", "Head"}) {
    if (operation.starts_with(prefix))
      return true;
  }
  return false;
}

conformance::AwsCli aws_cli_for(integration::TestCloud& cloud) {
  return {{cloud.endpoint_url(), std::string(localcloud::kDefaultAccessKeyId),
           std::string(localcloud::kDefaultSecretAccessKey), "us-east-1"},
          cloud.state_dir()};
}

std::map<std::string, std::string> tag_map(const nlohmann::json& tags) {
  std::map<std::string, std::string> map;
  for (const auto& tag : tags)
    map[tag.value("Key", "")] = tag.value("Value", "");
  return map;
}

// The AWS CLI's view of the instance: `describe-instances` Reservations[0].Instances[0].
nlohmann::json described_by_cli(const conformance::AwsCli& cli, const std::string& id) {
  auto result = cli.run({"ec2", "describe-instances", "--instance-ids", id});
  EXPECT_TRUE(result.succeeded()) << result;
  auto document = result.json();
  if (!document.contains("Reservations") || document["Reservations"].empty())
    return nullptr;
  return document["Reservations"][0]["Instances"][0];
}

void expect_tags(const std::map<std::string, std::string>& found,
                 const std::map<std::string, std::string>& expected, std::string_view where) {
  for (const auto& [key, value] : expected) {
    auto tag = found.find(key);
    ASSERT_NE(tag, found.end()) << where << " lacks tag " << key;
    EXPECT_EQ(tag->second, value) << where << " tag " << key;
  }
}

}  // namespace

std::vector<std::string> live_managed_instances(integration::TestCloud& cloud) {
  auto instances = cloud.ec2().describe_instances_all(
      {.filters = {{"tag:spawn:managed", {"true"}},
                   {"instance-state-name", {"pending", "running", "stopping", "stopped"}}}});
  std::vector<std::string> ids;
  if (instances) {
    for (const auto& instance : *instances)
      ids.push_back(instance.instance_id);
  }
  return ids;
}

std::vector<std::string> mutating_operations(integration::TestCloud& cloud) {
  auto log = cloud.admin_get("/_localcloud/requests");
  EXPECT_TRUE(log) << log.error().message;
  std::vector<std::string> operations;
  if (!log)
    return operations;
  auto document = nlohmann::json::parse(*log, nullptr, false);
  for (const auto& request : document.value("requests", nlohmann::json::array())) {
    std::string operation = request.value("operation", "");
    bool succeeded = request.value("status", 0) / 100 == 2;
    if (!is_read_only(operation) && succeeded)
      operations.push_back(operation);
  }
  return operations;
}

bool security_group_exists(integration::TestCloud& cloud, const std::string& name) {
  auto groups = cloud.ec2().describe_security_groups_all({.filters = {{"group-name", {name}}}});
  return groups && !groups->empty();
}

void expect_promised_settings(integration::TestCloud& cloud, const std::string& instance_id,
                              const std::map<std::string, std::string>& tags) {
  auto cli = aws_cli_for(cloud);
  nlohmann::json instance = described_by_cli(cli, instance_id);
  ASSERT_TRUE(instance.is_object()) << "the AWS CLI cannot describe " << instance_id;
  std::map<std::string, std::string> promised = {{"spawn:managed", "true"},
                                                 {"spawn:created-by", "spawn"},
                                                 {"spawn:root", "true"},
                                                 {"spawn:completion-file", "/tmp/SPAWN_COMPLETE"}};
  promised.insert(tags.begin(), tags.end());
  expect_tags(tag_map(instance["Tags"]), promised, "the instance");
  EXPECT_EQ(instance["MetadataOptions"].value("HttpTokens", ""), "required");
  EXPECT_EQ(instance["MetadataOptions"].value("InstanceMetadataTags", ""), "enabled");

  auto behaviour = cli.run({"ec2", "describe-instance-attribute", "--instance-id", instance_id,
                            "--attribute", "instanceInitiatedShutdownBehavior"});
  nlohmann::json attribute = behaviour.json();
  EXPECT_EQ(attribute["InstanceInitiatedShutdownBehavior"].value("Value", ""), "terminate")
      << behaviour;

  auto key = cli.run({"ec2", "describe-key-pairs", "--key-names", instance.value("KeyName", "")});
  ASSERT_TRUE(key.succeeded()) << key;
  nlohmann::json keys = key.json();
  expect_tags(tag_map(keys["KeyPairs"][0]["Tags"]), {{"spawn:keep", "true"}}, "the key");

  ASSERT_FALSE(instance["SecurityGroups"].empty());
  auto group = cli.run({"ec2", "describe-security-groups", "--group-ids",
                        instance["SecurityGroups"][0].value("GroupId", "")});
  ASSERT_TRUE(group.succeeded()) << group;
  nlohmann::json groups = group.json();
  const nlohmann::json& rules = groups["SecurityGroups"][0]["IpPermissions"];
  ASSERT_EQ(rules.size(), 1u) << group;
  EXPECT_EQ(rules[0].value("FromPort", 0), 22);
  std::vector<std::string> ranges;
  for (const auto& range : rules[0]["IpRanges"])
    ranges.push_back(range.value("CidrIp", ""));
  EXPECT_EQ(ranges, std::vector<std::string>{"127.0.0.1/32"});
}

void expect_promised_root_volume(integration::TestCloud& cloud, const std::string& instance_id) {
  auto cli = aws_cli_for(cloud);
  auto volumes = cli.run({"ec2", "describe-volumes", "--filters",
                          "Name=attachment.instance-id,Values=" + instance_id});
  ASSERT_TRUE(volumes.succeeded()) << volumes;
  const nlohmann::json listed = volumes.json().value("Volumes", nlohmann::json::array());
  ASSERT_EQ(listed.size(), 1u) << volumes;
  const nlohmann::json& root = listed[0];
  EXPECT_EQ(root.value("Encrypted", false), true) << volumes;
  EXPECT_EQ(root.value("VolumeType", ""), "gp3") << volumes;
  expect_tags(tag_map(root.value("Tags", nlohmann::json::array())), {{"spawn:managed", "true"}},
              "the root volume");
}

}  // namespace spawn::e2e
