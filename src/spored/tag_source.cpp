#include "spored/tag_source.hpp"

#include <fmt/format.h>

namespace spawn::spored {

namespace {

Result<Tags> tags_from_ec2(aws::Ec2Client& ec2, const std::string& instance_id) {
  aws::DescribeRequest request;
  request.filters = {{"resource-id", {instance_id}}};
  auto described = ec2.describe_tags_all(request);
  if (!described)
    return std::unexpected(described.error());
  Tags tags;
  for (const auto& tag : *described)
    tags[tag.key] = tag.value;
  return tags;
}

}  // namespace

Result<TagRead> read_instance_tags(aws::ImdsClient& imds, aws::Ec2Client* ec2,
                                   const std::string& instance_id) {
  auto from_imds = imds.instance_tags();
  if (from_imds)
    return TagRead{std::move(*from_imds), "imds"};
  if (ec2 == nullptr)
    return std::unexpected(from_imds.error());
  auto from_ec2 = tags_from_ec2(*ec2, instance_id);
  if (from_ec2)
    return TagRead{std::move(*from_ec2), "describe-tags"};
  return fail(from_ec2.error().kind,
              fmt::format("cannot read the instance's tags: IMDS: {}; DescribeTags: {}",
                          from_imds.error().message, from_ec2.error().message));
}

}  // namespace spawn::spored
