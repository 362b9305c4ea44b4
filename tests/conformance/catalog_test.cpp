// What localcloud knows without being told, as the CLI shows it: regions and
// zones, instance types, and the public images the SSM parameters name.
#include <set>

#include "localcloud_suite.hpp"

namespace spawn::conformance {
namespace {

constexpr const char* kAl2023Arm =
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";
constexpr const char* kDeepLearningGpu =
    "/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/"
    "ami-id";

class Catalog : public LocalcloudSuite {};

TEST_F(Catalog, DescribeRegionsListsEveryEnabledRegion) {
  // The regions every account has without opting in.
  const std::set<std::string> kDefaultRegions{
      "us-east-1",      "us-east-2",      "us-west-1",      "us-west-2",      "ca-central-1",
      "sa-east-1",      "eu-west-1",      "eu-west-2",      "eu-west-3",      "eu-central-1",
      "eu-north-1",     "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1",
      "ap-southeast-2", "ap-south-1"};
  AwsResult described = aws({"ec2", "describe-regions"});
  ASSERT_TRUE(described.succeeded()) << described;
  nlohmann::json regions = json_at(described.json(), "/Regions");
  std::set<std::string> names;
  for (const nlohmann::json& region : regions) {
    names.insert(text_at(region, "/RegionName"));
    EXPECT_NE(text_at(region, "/OptInStatus"), "not-opted-in")
        << "without --all-regions only enabled regions are listed: " << region.dump();
  }
  EXPECT_EQ(names.size(), regions.size()) << "each region once";
  for (const std::string& name : kDefaultRegions)
    EXPECT_TRUE(names.contains(name)) << name << " missing from " << described.out;
  nlohmann::json virginia = find_by(regions, "RegionName", "us-east-1");
  EXPECT_EQ(text_at(virginia, "/Endpoint"), "ec2.us-east-1.amazonaws.com") << virginia.dump();
  EXPECT_EQ(text_at(virginia, "/OptInStatus"), "opt-in-not-required") << virginia.dump();
}

TEST_F(Catalog, DescribeAvailabilityZonesListsTheRegionsZones) {
  AwsResult described = aws({"ec2", "describe-availability-zones"});
  ASSERT_TRUE(described.succeeded()) << described;
  nlohmann::json zones = json_at(described.json(), "/AvailabilityZones");
  ASSERT_GE(zones.size(), 3u) << described.out;
  for (const nlohmann::json& zone : zones) {
    EXPECT_EQ(text_at(zone, "/RegionName"), "us-east-1") << zone.dump();
    EXPECT_EQ(text_at(zone, "/State"), "available") << zone.dump();
    EXPECT_EQ(text_at(zone, "/ZoneType"), "availability-zone") << zone.dump();
    EXPECT_TRUE(text_at(zone, "/ZoneId").starts_with("use1-az")) << zone.dump();
  }
  EXPECT_FALSE(find_by(zones, "ZoneName", "us-east-1a").is_null()) << described.out;
}

TEST_F(Catalog, DescribeInstanceTypesGivesCpuMemoryAndArchitecture) {
  AwsResult described =
      aws({"ec2", "describe-instance-types", "--instance-types", "t3.micro", "m7g.large"});
  ASSERT_TRUE(described.succeeded()) << described;
  nlohmann::json types = json_at(described.json(), "/InstanceTypes");
  ASSERT_EQ(types.size(), 2u) << described.out;

  nlohmann::json micro = find_by(types, "InstanceType", "t3.micro");
  EXPECT_EQ(json_at(micro, "/VCpuInfo/DefaultVCpus"), 2) << micro.dump();
  EXPECT_EQ(json_at(micro, "/MemoryInfo/SizeInMiB"), 1024) << micro.dump();
  EXPECT_EQ(json_at(micro, "/ProcessorInfo/SupportedArchitectures"),
            nlohmann::json::array({"x86_64"}))
      << micro.dump();
  EXPECT_EQ(json_at(micro, "/HibernationSupported"), true) << micro.dump();

  nlohmann::json graviton = find_by(types, "InstanceType", "m7g.large");
  EXPECT_EQ(json_at(graviton, "/VCpuInfo/DefaultVCpus"), 2) << graviton.dump();
  EXPECT_EQ(json_at(graviton, "/MemoryInfo/SizeInMiB"), 8192) << graviton.dump();
  EXPECT_EQ(json_at(graviton, "/ProcessorInfo/SupportedArchitectures"),
            nlohmann::json::array({"arm64"}))
      << graviton.dump();
}

TEST_F(Catalog, PublicImageParametersNameImagesDescribeImagesKnows) {
  AwsResult single = aws({"ssm", "get-parameter", "--name", kAl2023X86Parameter});
  ASSERT_TRUE(single.succeeded()) << single;
  EXPECT_EQ(text_at(single.json(), "/Parameter/Name"), kAl2023X86Parameter);
  EXPECT_EQ(text_at(single.json(), "/Parameter/Type"), "String");
  std::string x86_image = text_at(single.json(), "/Parameter/Value");
  ASSERT_TRUE(x86_image.starts_with("ami-")) << single.out;

  AwsResult parameters =
      aws({"ssm", "get-parameters", "--names", kAl2023X86Parameter, kAl2023Arm, kDeepLearningGpu});
  ASSERT_TRUE(parameters.succeeded()) << parameters;
  nlohmann::json found = json_at(parameters.json(), "/Parameters");
  EXPECT_TRUE(json_at(parameters.json(), "/InvalidParameters").empty()) << parameters.out;
  std::string arm_image = text_at(find_by(found, "Name", kAl2023Arm), "/Value");
  std::string gpu_image = text_at(find_by(found, "Name", kDeepLearningGpu), "/Value");
  EXPECT_EQ(text_at(find_by(found, "Name", kAl2023X86Parameter), "/Value"), x86_image)
      << parameters.out;
  ASSERT_TRUE(arm_image.starts_with("ami-")) << parameters.out;
  ASSERT_TRUE(gpu_image.starts_with("ami-")) << parameters.out;

  AwsResult images =
      aws({"ec2", "describe-images", "--image-ids", x86_image, arm_image, gpu_image});
  ASSERT_TRUE(images.succeeded()) << images;
  nlohmann::json listed = json_at(images.json(), "/Images");
  EXPECT_EQ(listed.size(), 3u) << images.out;
  const std::pair<std::string, std::string> kExpected[] = {
      {x86_image, "x86_64"}, {arm_image, "arm64"}, {gpu_image, "x86_64"}};
  for (const auto& [image_id, architecture] : kExpected) {
    nlohmann::json image = find_by(listed, "ImageId", image_id);
    EXPECT_EQ(text_at(image, "/Architecture"), architecture) << image_id << ": " << image.dump();
    EXPECT_EQ(text_at(image, "/State"), "available") << image.dump();
    EXPECT_EQ(text_at(image, "/ImageOwnerAlias"), "amazon") << image.dump();
  }
  EXPECT_NE(text_at(find_by(listed, "ImageId", gpu_image), "/Name").find("Deep Learning"),
            std::string::npos);
}

}  // namespace
}  // namespace spawn::conformance
