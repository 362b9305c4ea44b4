// The public images localcloud knows: the AMIs behind the SSM public
// parameters spawn resolves (Amazon Linux 2023 for both architectures and the
// Deep Learning Base OSS Nvidia GPU image for Amazon Linux 2023), so that
// GetParameter answers an id that DescribeImages and RunInstances accept. The
// same ids serve every region, which real AWS does not do; nothing in spawn
// depends on them differing.
#pragma once

#include <span>
#include <string_view>

namespace spawn::localcloud {

struct PublicImage {
  std::string_view ssm_parameter;  // "/aws/service/ami-amazon-linux-latest/..."
  std::string_view image_id;       // "ami-..."
  std::string_view name;
  std::string_view description;
  std::string_view architecture;  // "x86_64" or "arm64"
  std::string_view owner_alias;   // "amazon"
};

std::span<const PublicImage> public_images();
const PublicImage* find_public_image_by_parameter(std::string_view ssm_parameter);
const PublicImage* find_public_image_by_id(std::string_view image_id);

}  // namespace spawn::localcloud
