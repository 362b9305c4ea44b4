#include "localcloud/catalog/public_images.hpp"

#include <array>

namespace spawn::localcloud {
namespace {

constexpr std::array<PublicImage, 6> kImages{{
    {"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
     "ami-0a1c2e3f4a5b6c7d8", "al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64",
     "Amazon Linux 2023 AMI 2023.6.20241121.0 x86_64 HVM kernel-6.1", "x86_64", "amazon"},
    {"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
     "ami-0b1d2f3a4b5c6d7e9", "al2023-ami-2023.6.20241121.0-kernel-6.1-arm64",
     "Amazon Linux 2023 AMI 2023.6.20241121.0 arm64 HVM kernel-6.1", "arm64", "amazon"},
    {"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64", "ami-0a1c2e3f4a5b6c7d8",
     "al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64",
     "Amazon Linux 2023 AMI 2023.6.20241121.0 x86_64 HVM kernel-6.1", "x86_64", "amazon"},
    {"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64", "ami-0b1d2f3a4b5c6d7e9",
     "al2023-ami-2023.6.20241121.0-kernel-6.1-arm64",
     "Amazon Linux 2023 AMI 2023.6.20241121.0 arm64 HVM kernel-6.1", "arm64", "amazon"},
    {"/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/"
     "ami-id",
     "ami-0c1e2a3b4c5d6e7f0",
     "Deep Learning Base OSS Nvidia Driver GPU AMI (Amazon Linux 2023) 20241120",
     "Supported EC2 instances: G4dn, G5, G6, Gr6, G6e, P4d, P4de, P5, P5e, P5en", "x86_64",
     "amazon"},
    {"/aws/service/deeplearning/ami/arm64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/"
     "ami-id",
     "ami-0d1f2b3c4d5e6f7a1",
     "Deep Learning ARM64 Base OSS Nvidia Driver GPU AMI (Amazon Linux 2023) 20241120",
     "Supported EC2 instances: G5g, P6e-GB200", "arm64", "amazon"},
}};

}  // namespace

std::span<const PublicImage> public_images() {
  return kImages;
}

const PublicImage* find_public_image_by_parameter(std::string_view ssm_parameter) {
  for (const PublicImage& image : kImages) {
    if (image.ssm_parameter == ssm_parameter)
      return &image;
  }
  return nullptr;
}

const PublicImage* find_public_image_by_id(std::string_view image_id) {
  for (const PublicImage& image : kImages) {
    if (image.image_id == image_id)
      return &image;
  }
  return nullptr;
}

}  // namespace spawn::localcloud
