// spawn's SSH security group: one per caller range and VPC, found again by its
// spawn:ssh-from tag and reused, so launches from the same place share it. It
// allows exactly TCP 22 from that range in (and, as every new group, all out).
#include <fmt/format.h>

#include <algorithm>

#include "aws/ec2.hpp"
#include "spawn/ops/network_parts.hpp"

namespace spawn::ops {

std::string ssh_group_name(const std::string& cidr) {
  std::string spelled = cidr;
  std::replace_if(
      spelled.begin(), spelled.end(), [](char c) { return c == '.' || c == '/'; }, '-');
  return "spawn-ssh-" + spelled;
}

namespace network {
namespace {

constexpr int kSshPort = 22;

bool allows_ssh_from(const aws::SecurityGroup& group, const std::string& cidr) {
  return std::any_of(
      group.ingress.begin(), group.ingress.end(), [&](const aws::IpPermission& rule) {
        bool covers_port = rule.ip_protocol == "-1" ||
                           (rule.ip_protocol == "tcp" && rule.from_port.value_or(0) <= kSshPort &&
                            rule.to_port.value_or(65535) >= kSshPort);
        return covers_port &&
               std::any_of(rule.ip_ranges.begin(), rule.ip_ranges.end(),
                           [&](const aws::IpRange& range) { return range.cidr_ip == cidr; });
      });
}

// Adds the SSH rule; a rule that is there already (a concurrent launch) is fine.
Result<void> allow_ssh_from(aws::Ec2Client& ec2, const std::string& group_id,
                            const std::string& cidr) {
  aws::AuthorizeIngressRequest request{
      .group_id = group_id,
      .ip_permissions = {aws::IpPermission{
          "tcp", kSshPort, kSshPort, {aws::IpRange{cidr, "SSH from spawn user"}}}}};
  auto allowed = ec2.authorize_security_group_ingress(request);
  if (!allowed && is_aws_code(allowed.error(), "InvalidPermission.Duplicate"))
    return {};
  return allowed;
}

// The group named `name` in `vpc_id`, which a concurrent launch has just created.
Result<std::string> find_group(aws::Ec2Client& ec2, const std::string& vpc_id,
                               const std::string& name) {
  auto groups =
      ec2.describe_security_groups_all({.filters = {{"vpc-id", {vpc_id}}, {"group-name", {name}}}});
  if (!groups)
    return std::unexpected(groups.error());
  if (groups->empty())
    return fail(ErrorKind::not_found,
                fmt::format("security group {} vanished from {}", name, vpc_id));
  return groups->front().group_id;
}

void record_group_undo(aws::AwsClient& client, const std::string& group_id, Saga& saga) {
  auto own_client = std::make_shared<aws::AwsClient>(client);
  saga.record(fmt::format("security group {} in {}", group_id, client.region()),
              [own_client, group_id]() -> Result<void> {
                aws::Ec2Client ec2(*own_client);
                return remove_when_unused(*own_client,
                                          [&] { return ec2.delete_security_group(group_id); });
              });
}

Result<GroupChoice> create_group(aws::AwsClient& client, const std::string& vpc_id,
                                 const std::string& cidr, Saga& saga) {
  aws::Ec2Client ec2(client);
  std::string name = ssh_group_name(cidr);
  aws::CreateSecurityGroupRequest request{
      .group_name = name,
      .description = fmt::format("SSH from {} to spawn instances", cidr),
      .vpc_id = vpc_id,
      .tag_specifications = tag_specification(
          "security-group", spawn_tags(name, {{std::string(kSshFromKey), cidr}}))};
  auto created = ec2.create_security_group(request);
  if (!created && is_aws_code(created.error(), "InvalidGroup.Duplicate")) {
    auto existing = find_group(ec2, vpc_id, name);
    if (!existing)
      return std::unexpected(existing.error());
    if (auto allowed = allow_ssh_from(ec2, *existing, cidr); !allowed)
      return std::unexpected(allowed.error());
    return GroupChoice{*existing, false};
  }
  if (!created)
    return std::unexpected(created.error());
  record_group_undo(client, *created, saga);
  if (auto allowed = allow_ssh_from(ec2, *created, cidr); !allowed)
    return std::unexpected(allowed.error());
  return GroupChoice{*created, true};
}

}  // namespace

Result<GroupChoice> ensure_ssh_group(aws::AwsClient& client, const std::string& vpc_id,
                                     const std::vector<aws::SecurityGroup>& found,
                                     const std::string& ssh_cidr, Saga& saga) {
  for (const aws::SecurityGroup& group : found) {
    if (group.vpc_id != vpc_id || aws::tag_value(group.tags, kSshFromKey) != ssh_cidr)
      continue;
    if (!allows_ssh_from(group, ssh_cidr)) {
      aws::Ec2Client ec2(client);
      if (auto allowed = allow_ssh_from(ec2, group.group_id, ssh_cidr); !allowed)
        return std::unexpected(allowed.error());
    }
    return GroupChoice{group.group_id, false};
  }
  return create_group(client, vpc_id, ssh_cidr, saga);
}

}  // namespace network
}  // namespace spawn::ops
