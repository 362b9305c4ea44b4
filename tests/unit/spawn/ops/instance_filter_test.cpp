// list's filters over instances already fetched: each field narrows, all must match.
#include "spawn/ops/instance_filter.hpp"

#include <gtest/gtest.h>

#include "managed_instance_builder.hpp"

namespace spawn::ops {
namespace {

using testing::managed;

std::vector<ManagedInstance> fleet() {
  return {managed("i-1", "running").type("m7i.large").zone("us-east-1a").tagged("Name", "Dev-Box"),
          managed("i-2", "stopped").type("m7i.xlarge").zone("us-east-1b").tagged("env", "prod"),
          managed("i-3", "running")
              .type("t3.micro")
              .zone("us-east-1b")
              .tagged("env", "prod")
              .tagged("spawn:job-array-name", "sweep")
              .tagged("spawn:job-array-id", "sweep-20260101-abc123")};
}

std::vector<std::string> ids(const std::vector<ManagedInstance>& instances) {
  std::vector<std::string> result;
  for (const auto& instance : instances)
    result.push_back(instance.id());
  return result;
}

std::vector<std::string> kept(const InstanceFilter& filter) {
  return ids(apply_filter(filter, fleet()));
}

TEST(InstanceFilter, EmptyFilterKeepsEverything) {
  EXPECT_TRUE(InstanceFilter{}.empty());
  EXPECT_EQ(kept({}), (std::vector<std::string>{"i-1", "i-2", "i-3"}));
}

TEST(InstanceFilter, StateTypeAndZoneMatchExactly) {
  EXPECT_EQ(kept({.state = "running"}), (std::vector<std::string>{"i-1", "i-3"}));
  EXPECT_EQ(kept({.instance_type = "m7i.large"}), (std::vector<std::string>{"i-1"}));
  EXPECT_EQ(kept({.availability_zone = "us-east-1b"}), (std::vector<std::string>{"i-2", "i-3"}));
}

TEST(InstanceFilter, FamilyMatchesEverySizeOfIt) {
  EXPECT_EQ(kept({.family = "m7i"}), (std::vector<std::string>{"i-1", "i-2"}));
  EXPECT_TRUE(kept({.family = "m7"}).empty());
}

TEST(InstanceFilter, NameIgnoresCase) {
  EXPECT_EQ(kept({.name = "dev-box"}), (std::vector<std::string>{"i-1"}));
}

TEST(InstanceFilter, JobArrayByIdOrName) {
  EXPECT_EQ(kept({.job_array_name = "sweep"}), (std::vector<std::string>{"i-3"}));
  EXPECT_EQ(kept({.job_array_id = "sweep-20260101-abc123"}), (std::vector<std::string>{"i-3"}));
}

TEST(InstanceFilter, TagsMatchTheFullTagSetIncludingSpawnTags) {
  EXPECT_EQ(kept({.tags = {{"spawn:job-array-name", "sweep"}}}), (std::vector<std::string>{"i-3"}));
  EXPECT_EQ(kept({.tags = {{"Name", "Dev-Box"}}}), (std::vector<std::string>{"i-1"}));
}

TEST(InstanceFilter, EverythingGivenMustMatch) {
  EXPECT_EQ(kept({.state = "running", .tags = {{"env", "prod"}}}),
            (std::vector<std::string>{"i-3"}));
  EXPECT_TRUE(kept({.state = "stopped", .family = "t3"}).empty());
  EXPECT_TRUE(kept({.tags = {{"env", "prod"}, {"env", "dev"}}}).empty());
}

TEST(TagFilter, SplitsAtTheFirstEquals) {
  auto tag = parse_tag_filter("url=a=b");
  ASSERT_TRUE(tag);
  EXPECT_EQ(tag->first, "url");
  EXPECT_EQ(tag->second, "a=b");
  auto empty_value = parse_tag_filter("flag=");
  ASSERT_TRUE(empty_value);
  EXPECT_EQ(empty_value->second, "");
}

TEST(TagFilter, WithoutKeyOrEqualsIsAUsageError) {
  for (std::string_view text : {"env", "=prod", ""}) {
    auto tag = parse_tag_filter(text);
    ASSERT_FALSE(tag) << text;
    EXPECT_EQ(tag.error().kind, ErrorKind::usage);
    EXPECT_FALSE(tag.error().hint.empty());
  }
}

}  // namespace
}  // namespace spawn::ops
