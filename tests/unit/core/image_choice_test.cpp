#include "core/image_choice.hpp"

#include <gtest/gtest.h>

namespace spawn {
namespace {

TEST(ImageChoice, GravitonFamiliesAreArm) {
  for (const char* type : {"t4g.micro", "m7g.large", "m7gd.xlarge", "c6gn.large", "x2gd.large",
                           "r8g.large", "g5g.xlarge"}) {
    EXPECT_EQ(guess_machine_facts(type).architecture, Architecture::arm64) << type;
  }
  for (const char* type :
       {"t3.micro", "m7i.large", "m7i-flex.large", "c7a.large", "g4dn.xlarge", "inf2.xlarge"}) {
    EXPECT_EQ(guess_machine_facts(type).architecture, Architecture::x86_64) << type;
  }
}

TEST(ImageChoice, GpuFamiliesIncludeTheOnesExactMatchingMissed) {
  for (const char* type : {"g4dn.xlarge", "g5.xlarge", "g6e.xlarge", "gr6.4xlarge", "p4d.24xlarge",
                           "p5en.48xlarge", "g5g.xlarge"}) {
    EXPECT_TRUE(guess_machine_facts(type).gpu) << type;
  }
  for (const char* type : {"t3.micro", "m7g.large", "inf2.xlarge", "c7gn.large"})
    EXPECT_FALSE(guess_machine_facts(type).gpu) << type;
}

TEST(ImageChoice, ParametersAreAwsPublicOnes) {
  EXPECT_EQ(image_parameter({Architecture::x86_64, false}),
            "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
  EXPECT_EQ(image_parameter({Architecture::arm64, false}),
            "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64");
  EXPECT_EQ(image_parameter({Architecture::x86_64, true}),
            "/aws/service/deeplearning/ami/x86_64/"
            "base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id");
  EXPECT_EQ(image_parameter({Architecture::arm64, true}),
            "/aws/service/deeplearning/ami/arm64/"
            "base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id");
}

TEST(ImageChoice, ArchitecturesAreSpelledAsEc2SpellsThem) {
  EXPECT_EQ(architecture_name(Architecture::x86_64), "x86_64");
  EXPECT_EQ(architecture_name(Architecture::arm64), "arm64");
}

}  // namespace
}  // namespace spawn
