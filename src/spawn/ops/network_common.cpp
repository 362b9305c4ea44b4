// Tags, filters and the in-use wait shared by the network pieces.
#include <iterator>

#include "spawn/ops/network_parts.hpp"

namespace spawn::ops::network {

std::vector<aws::Tag> spawn_tags(std::string_view name, std::vector<aws::Tag> extra) {
  std::vector<aws::Tag> tags{{std::string(kManagedKey), "true"},
                             {std::string(kCreatedByKey), "spawn"},
                             {"Name", std::string(name)}};
  tags.insert(tags.end(), std::make_move_iterator(extra.begin()),
              std::make_move_iterator(extra.end()));
  return tags;
}

std::vector<aws::Tag> shared_tags() {
  return spawn_tags(kSpawnName, {{std::string(kSharedKey), "true"}});
}

std::vector<aws::TagSpecification> tag_specification(std::string resource_type,
                                                     std::vector<aws::Tag> tags) {
  return {aws::TagSpecification{std::move(resource_type), std::move(tags)}};
}

aws::Filter tag_filter(std::string_view key, std::string_view value) {
  return aws::Filter{"tag:" + std::string(key), {std::string(value)}};
}

bool is_aws_code(const Error& error, std::string_view code) {
  return error.aws && error.aws->code == code;
}

Result<void> remove_when_unused(aws::AwsClient& client,
                                const std::function<Result<void>()>& remove) {
  const auto deadline = client.clock().now() + kInUseDeadline;
  while (true) {
    auto removed = remove();
    if (removed || removed.error().kind == ErrorKind::not_found)
      return {};
    if (!is_aws_code(removed.error(), "DependencyViolation") || client.clock().now() >= deadline)
      return removed;
    client.clock().sleep_for(kInUsePoll);
  }
}

std::optional<aws::Subnet> subnet_for_zone(const std::vector<aws::Subnet>& subnets,
                                           const std::string& zone) {
  std::optional<aws::Subnet> chosen;
  for (const aws::Subnet& subnet : subnets) {
    if (!zone.empty() && subnet.availability_zone != zone)
      continue;
    if (!chosen || subnet.availability_zone < chosen->availability_zone)
      chosen = subnet;
  }
  return chosen;
}

}  // namespace spawn::ops::network
