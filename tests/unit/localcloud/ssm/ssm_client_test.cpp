// spawn's own SSM client against localcloud's SSM: the image lookups spawn
// makes before it launches.
#include <gtest/gtest.h>

#include "aws/ssm.hpp"
#include "localcloud/catalog/public_images.hpp"
#include "ssm_test_support.hpp"

namespace spawn::localcloud::testing {
namespace {

class SsmClientTest : public SsmServiceTest {
 protected:
  aws::SsmClient ssm{harness.client()};
};

TEST_F(SsmClientTest, SpawnResolvesThePublicImageParameter) {
  auto parameter = ssm.get_parameter(std::string(kAl2023X86));
  ASSERT_TRUE(parameter.has_value()) << parameter.error().message;
  EXPECT_EQ(parameter->value, find_public_image_by_parameter(kAl2023X86)->image_id);
  EXPECT_EQ(parameter->data_type, "aws:ec2:image");
  EXPECT_EQ(parameter->arn, "arn:aws:ssm:us-east-1::parameter" + std::string(kAl2023X86));
  EXPECT_TRUE(parameter->last_modified.has_value());
  EXPECT_GE(parameter->version, 1);
}

TEST_F(SsmClientTest, SpawnAsksForManyNamesInChunks) {
  std::vector<std::string> names;
  for (const PublicImage& image : public_images())
    names.emplace_back(image.ssm_parameter);
  for (int i = 0; i < 6; ++i)
    names.push_back("/missing/" + std::to_string(i));
  auto result = ssm.get_parameters(names);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->parameters.size(), public_images().size());
  EXPECT_EQ(result->invalid_parameters.size(), 6u);
}

TEST_F(SsmClientTest, AMissingParameterReachesSpawnAsNotFound) {
  auto missing = ssm.get_parameter("/no/such/parameter");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().kind, ErrorKind::not_found);
  EXPECT_EQ(missing.error().aws->code, "ParameterNotFound");
}

}  // namespace
}  // namespace spawn::localcloud::testing
