#include "aws/region.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace spawn::aws {
namespace {

using ::testing::HasSubstr;

Profile profile_with_region(std::string region) {
  return Profile{"dev", {{"region", std::move(region)}}, {}, {}};
}

ImdsRegionLookup imds_answering(Result<std::string> answer, int* calls) {
  return [answer, calls]() {
    ++*calls;
    return answer;
  };
}

TEST(ResolveRegion, FlagWinsOverEverything) {
  MapEnvironment env({{"AWS_REGION", "eu-west-1"}, {"AWS_DEFAULT_REGION", "eu-west-2"}});
  auto profile = profile_with_region("eu-west-3");
  auto region = resolve_region({"us-west-2", &profile, {}}, env);
  EXPECT_EQ(region.value(), "us-west-2");
}

TEST(ResolveRegion, AwsRegionBeatsAwsDefaultRegionBeatsProfile) {
  MapEnvironment env({{"AWS_REGION", "eu-west-1"}, {"AWS_DEFAULT_REGION", "eu-west-2"}});
  auto profile = profile_with_region("eu-west-3");
  EXPECT_EQ(resolve_region({std::nullopt, &profile, {}}, env).value(), "eu-west-1");
  env.unset("AWS_REGION");
  EXPECT_EQ(resolve_region({std::nullopt, &profile, {}}, env).value(), "eu-west-2");
  env.unset("AWS_DEFAULT_REGION");
  EXPECT_EQ(resolve_region({std::nullopt, &profile, {}}, env).value(), "eu-west-3");
}

TEST(ResolveRegion, EmptyVariablesAreSkipped) {
  MapEnvironment env({{"AWS_REGION", ""}, {"AWS_DEFAULT_REGION", "ap-south-1"}});
  EXPECT_EQ(resolve_region({}, env).value(), "ap-south-1");
}

TEST(ResolveRegion, AsksImdsOnlyWhenNothingElseAnswers) {
  MapEnvironment env;
  int calls = 0;
  auto profile = profile_with_region("eu-west-3");
  auto lookup = imds_answering(std::string("sa-east-1\n"), &calls);
  EXPECT_EQ(resolve_region({std::nullopt, &profile, lookup}, env).value(), "eu-west-3");
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(resolve_region({std::nullopt, nullptr, lookup}, env).value(), "sa-east-1");
  EXPECT_EQ(calls, 1);
}

TEST(ResolveRegion, NoRegionIsAUsageErrorSayingWhatToDo) {
  MapEnvironment env;
  auto profile = Profile{"dev", {}, {}, {}};
  auto region = resolve_region({std::nullopt, &profile, {}}, env);
  ASSERT_FALSE(region.has_value());
  EXPECT_EQ(region.error().kind, ErrorKind::usage);
  EXPECT_THAT(region.error().message, HasSubstr("no AWS region is set"));
  EXPECT_THAT(region.error().hint, HasSubstr("--region"));
  EXPECT_THAT(region.error().hint, HasSubstr("AWS_REGION"));
  EXPECT_THAT(region.error().hint, HasSubstr("aws configure --profile dev"));
}

TEST(ResolveRegion, ImdsFailureIsPartOfTheNoRegionMessage) {
  MapEnvironment env;
  int calls = 0;
  auto lookup = imds_answering(fail(ErrorKind::network, "connection refused"), &calls);
  auto region = resolve_region({std::nullopt, nullptr, lookup}, env);
  ASSERT_FALSE(region.has_value());
  EXPECT_EQ(region.error().kind, ErrorKind::usage);
  EXPECT_THAT(region.error().message, HasSubstr("connection refused"));
}

TEST(ResolveRegion, MalformedRegionNamesItsSource) {
  MapEnvironment env;
  env.set("AWS_DEFAULT_REGION", "US East");
  auto region = resolve_region({}, env);
  ASSERT_FALSE(region.has_value());
  EXPECT_EQ(region.error().kind, ErrorKind::usage);
  EXPECT_THAT(region.error().message, HasSubstr("AWS_DEFAULT_REGION"));
}

TEST(ValidateRegion, AcceptsRealRegionNames) {
  for (const char* name :
       {"us-east-1", "eu-central-2", "ap-southeast-4", "us-gov-west-1", "cn-northwest-1",
        "us-iso-east-1", "us-isob-east-1", "il-central-1", "eusc-de-east-1"}) {
    EXPECT_TRUE(validate_region(name, "test").has_value()) << name;
  }
}

TEST(ValidateRegion, RejectsMalformedNames) {
  for (const char* name : {"", "useast1", "US-EAST-1", "us-east", "us-east-x", "u-east-1",
                           "us-east-1.evil.com", "us-east-1/", "us--1", "-us-east-1"}) {
    auto valid = validate_region(name, "--region");
    ASSERT_FALSE(valid.has_value()) << name;
    EXPECT_EQ(valid.error().kind, ErrorKind::usage);
    EXPECT_THAT(valid.error().message, HasSubstr("--region")) << name;
  }
}

TEST(ValidateRegion, PointsFromAnAvailabilityZoneToItsRegion) {
  auto valid = validate_region("us-east-1a", "--region");
  ASSERT_FALSE(valid.has_value());
  EXPECT_THAT(valid.error().message, HasSubstr("availability zone; its region is us-east-1"));
}

}  // namespace
}  // namespace spawn::aws
