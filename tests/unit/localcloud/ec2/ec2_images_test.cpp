// Images: the catalog's public images and the caller's own.
#include <set>

#include "aws/ec2_parse.hpp"
#include "ec2_network_fixture.hpp"
#include "localcloud/catalog/public_images.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud::network_testing {
namespace {

using aws::parse_items;
constexpr std::string_view kAl2023Arm = "ami-0b1d2f3a4b5c6d7e9";

class ImageTest : public Ec2NetworkTest {
 protected:
  // A running instance of the AL2023 arm64 image, as the instance family stores it.
  std::string running_instance(std::string_view type = "m7g.large") {
    return put_instance({{"InstanceType", type},
                         {"ImageId", kAl2023Arm},
                         {"RootDeviceName", "/dev/xvda"},
                         {"State", {{"Code", 16}, {"Name", "running"}}}});
  }
};

std::vector<aws::Image> images_of(pugi::xml_node root) {
  return parse_items(root, "imagesSet", aws::parse_image);
}

TEST_F(ImageTest, PublicImagesAnswerInEveryRegion) {
  for (std::string_view region : {"us-east-1", "ap-southeast-2"}) {
    auto images = images_of(ok("DescribeImages", "ImageId.1=" + std::string(kAl2023Arm), region));
    ASSERT_EQ(images.size(), 1u) << region;
    const aws::Image& image = images[0];
    EXPECT_EQ(image.architecture, "arm64");
    EXPECT_EQ(image.state, "available");
    EXPECT_EQ(image.root_device_type, "ebs");
    EXPECT_EQ(image.root_device_name, "/dev/xvda");
    EXPECT_TRUE(image.name.starts_with("al2023-ami-"));
    EXPECT_TRUE(image.creation_date.has_value());
    EXPECT_FALSE(image.owner_id.empty());
  }
}

TEST_F(ImageTest, EveryCatalogImageIsListedOnce) {
  auto images = images_of(ok("DescribeImages", "Owner.1=amazon"));
  std::set<std::string> ids;
  for (const auto& image : images)
    EXPECT_TRUE(ids.insert(image.image_id).second) << image.image_id;
  for (const PublicImage& image : public_images())
    EXPECT_TRUE(ids.contains(std::string(image.image_id))) << image.image_id;
  pugi::xml_node root = ok("DescribeImages", "ImageId.1=" + std::string(kAl2023Arm));
  EXPECT_EQ(aws::xml::text(root, "imagesSet/item/virtualizationType"), "hvm");
  EXPECT_EQ(aws::xml::text(root, "imagesSet/item/enaSupport"), "true");
  EXPECT_EQ(aws::xml::text(root, "imagesSet/item/bootMode"), "uefi");
  EXPECT_EQ(aws::xml::text(root, "imagesSet/item/imageOwnerAlias"), "amazon");
  EXPECT_EQ(aws::xml::text(root, "imagesSet/item/isPublic"), "true");
  EXPECT_EQ(aws::xml::text(root, "imagesSet/item/blockDeviceMapping/item/deviceName"), "/dev/xvda");
}

TEST_F(ImageTest, ImageIdsAreCheckedLikeEc2) {
  expect_error("DescribeImages", "ImageId.1=ami-00000000000000000", "InvalidAMIID.NotFound");
  expect_error("DescribeImages", "ImageId.1=image-1", "InvalidAMIID.Malformed");
  expect_error("DescribeImages", "ImageId.1=ami-xyz", "InvalidAMIID.Malformed");
}

TEST_F(ImageTest, FiltersByNameArchitectureAndOwner) {
  auto arm = images_of(ok("DescribeImages",
                          "Filter.1.Name=name&Filter.1.Value.1=al2023-ami-2023.*"
                          "&Filter.2.Name=architecture&Filter.2.Value.1=arm64"));
  ASSERT_EQ(arm.size(), 1u);
  EXPECT_EQ(arm[0].image_id, kAl2023Arm);
  auto gpu = images_of(ok("DescribeImages",
                          "Filter.1.Name=name&Filter.1.Value.1=Deep+Learning*"
                          "&Filter.2.Name=owner-alias&Filter.2.Value.1=amazon"
                          "&Filter.3.Name=state&Filter.3.Value.1=available"));
  EXPECT_EQ(gpu.size(), 2u);
  EXPECT_TRUE(images_of(ok("DescribeImages", "Owner.1=self")).empty());
}

TEST_F(ImageTest, CreateImageRecordsItsInstanceAndArchitecture) {
  std::string instance_id = running_instance();
  std::string image_id =
      aws::xml::text(ok("CreateImage", "InstanceId=" + instance_id +
                                           "&Name=trainer+(v1)&Description=checkpoint&NoReboot=true"
                                           "&TagSpecification.1.ResourceType=image"
                                           "&TagSpecification.1.Tag.1.Key=spawn%3Ajob"
                                           "&TagSpecification.1.Tag.1.Value=7"
                                           "&TagSpecification.2.ResourceType=snapshot"
                                           "&TagSpecification.2.Tag.1.Key=spawn%3Ajob"
                                           "&TagSpecification.2.Tag.1.Value=7"),
                     "imageId");
  ASSERT_TRUE(image_id.starts_with("ami-"));
  auto images = images_of(ok("DescribeImages", "Owner.1=self"));
  ASSERT_EQ(images.size(), 1u);
  const aws::Image& image = images[0];
  EXPECT_EQ(image.image_id, image_id);
  EXPECT_EQ(image.name, "trainer (v1)");
  EXPECT_EQ(image.description, "checkpoint");
  EXPECT_EQ(image.architecture, "arm64");
  EXPECT_EQ(image.state, "available");
  EXPECT_EQ(image.owner_id, "123456789012");
  ASSERT_EQ(image.tags.size(), 1u);
  EXPECT_EQ(image.tags[0].key, "spawn:job");
  Json stored = *document("image", image_id);
  EXPECT_EQ(stored["SourceInstanceId"], instance_id);
  EXPECT_TRUE(stored["NoReboot"].get<bool>());
  auto tagged =
      images_of(ok("DescribeImages", "Filter.1.Name=tag%3Aspawn%3Ajob&Filter.1.Value.1=7"));
  EXPECT_EQ(tagged.size(), 1u);
}

TEST_F(ImageTest, CreateImageChecksInstanceAndName) {
  std::string instance_id = running_instance("c7i.large");
  ok("CreateImage", "InstanceId=" + instance_id + "&Name=base");
  expect_error("CreateImage", "InstanceId=" + instance_id + "&Name=base",
               "InvalidAMIName.Duplicate");
  expect_error("CreateImage", "InstanceId=" + instance_id + "&Name=no%21",
               "InvalidAMIName.Malformed");
  expect_error("CreateImage", "InstanceId=" + instance_id + "&Name=ab", "InvalidAMIName.Malformed");
  expect_error("CreateImage", "InstanceId=i-0000000000000000f&Name=other",
               "InvalidInstanceID.NotFound");
  expect_error("CreateImage", "Name=other", "MissingParameter");
  std::string gone = put_instance(
      {{"InstanceType", "t3.micro"}, {"State", {{"Code", 48}, {"Name", "terminated"}}}});
  expect_error("CreateImage", "InstanceId=" + gone + "&Name=other", "IncorrectInstanceState");
  // The same name is free in another region.
  std::string west = put_instance(
      {{"InstanceType", "t3.micro"}, {"State", {{"Code", 16}, {"Name", "running"}}}}, "eu-west-1");
  ok("CreateImage", "InstanceId=" + west + "&Name=base", "eu-west-1");
  EXPECT_EQ(document("image",
                     aws::xml::text(ok("DescribeImages", "Owner.1=self", "eu-west-1"),
                                    "imagesSet/item/imageId"),
                     "eu-west-1")
                ->at("Architecture"),
            "x86_64");
}

TEST_F(ImageTest, DeregisterImage) {
  std::string image_id = aws::xml::text(
      ok("CreateImage", "InstanceId=" + running_instance() + "&Name=base"), "imageId");
  ok("DeregisterImage", "ImageId=" + image_id);
  expect_error("DescribeImages", "ImageId.1=" + image_id, "InvalidAMIID.NotFound");
  expect_error("DeregisterImage", "ImageId=" + image_id, "InvalidAMIID.NotFound");
  expect_error("DeregisterImage", "ImageId=" + std::string(kAl2023Arm), "InvalidAMIID.Unavailable");
  expect_error("DeregisterImage", "ImageId=bogus", "InvalidAMIID.Malformed");
}

TEST_F(ImageTest, MutatingImageCallsAnswerDryRun) {
  std::string instance_id = running_instance();
  expect_dry_run("CreateImage", "InstanceId=" + instance_id + "&Name=base");
  EXPECT_EQ(count("image"), 0u);
  std::string image_id =
      aws::xml::text(ok("CreateImage", "InstanceId=" + instance_id + "&Name=base"), "imageId");
  expect_dry_run("DeregisterImage", "ImageId=" + image_id);
  EXPECT_EQ(count("image"), 1u);
}

TEST_F(ImageTest, DescribeImagesPages) {
  std::string instance_id = running_instance();
  for (std::string_view name : {"one", "two", "three"})
    ok("CreateImage", "InstanceId=" + instance_id + "&Name=" + std::string(name));
  std::size_t seen = 0;
  int pages = 0;
  std::string token;
  do {
    ++pages;
    pugi::xml_node root =
        ok("DescribeImages", "MaxResults=5" + (token.empty() ? "" : "&NextToken=" + token));
    seen += images_of(root).size();
    token = form_encode(aws::xml::text(root, "nextToken"));
  } while (!token.empty() && seen < 100);
  EXPECT_EQ(seen, 7u);  // the four distinct public images and ours
  EXPECT_EQ(pages, 2);
}

}  // namespace
}  // namespace spawn::localcloud::network_testing
