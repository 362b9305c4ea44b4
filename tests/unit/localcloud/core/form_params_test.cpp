#include "localcloud/api/form_params.hpp"

#include <gtest/gtest.h>

namespace spawn::localcloud {
namespace {

FormParams parse(std::string_view body) {
  auto params = FormParams::parse(body);
  EXPECT_TRUE(params.has_value());
  return params.value_or(FormParams{});
}

TEST(FormParams, DecodesPlusAndPercentEscapes) {
  FormParams params = parse("Action=CreateTags&Tag.1.Value=a+b%26c%3Dd");
  EXPECT_EQ(params.get("Action"), "CreateTags");
  EXPECT_EQ(params.get("Tag.1.Value"), "a b&c=d");
  EXPECT_FALSE(params.get("Missing").has_value());
}

TEST(FormParams, ListsComeBackInIndexOrderWhateverTheWireOrder) {
  FormParams params = parse("InstanceId.10=c&InstanceId.2=b&InstanceId.1=a&InstanceIdX=no");
  EXPECT_EQ(params.list("InstanceId"), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(FormParams, StructsGroupMembersAndKeepNestedLists) {
  FormParams params = parse(
      "Filter.2.Name=tag%3Aspawn%3Amanaged&Filter.2.Value.1=true"
      "&Filter.1.Name=instance-state-name&Filter.1.Value.1=running&Filter.1.Value.2=pending");
  auto filters = params.structs("Filter");
  ASSERT_EQ(filters.size(), 2u);
  EXPECT_EQ(filters[0].get("Name"), "instance-state-name");
  EXPECT_EQ(filters[0].list("Value"), (std::vector<std::string>{"running", "pending"}));
  EXPECT_EQ(filters[1].get("Name"), "tag:spawn:managed");
}

TEST(FormParams, MemberListsOfTheQueryProtocol) {
  FormParams params = parse("Tags.member.2.Key=b&Tags.member.1.Key=a&Names.member.1=x");
  auto tags = params.structs("Tags.member");
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0].get("Key"), "a");
  EXPECT_EQ(params.list("Names.member"), (std::vector<std::string>{"x"}));
}

TEST(FormParams, SubSelectsNestedStructures) {
  FormParams params = parse("MetadataOptions.HttpTokens=required&MetadataOptionsX=1");
  FormParams options = params.sub("MetadataOptions");
  EXPECT_EQ(options.get("HttpTokens"), "required");
  EXPECT_EQ(options.values().size(), 1u);
}

TEST(FormParams, BooleansAndFallbacks) {
  FormParams params = parse("DryRun=true&Hibernate=FALSE");
  EXPECT_TRUE(params.get_bool("DryRun"));
  EXPECT_FALSE(params.get_bool("Hibernate", true));
  EXPECT_TRUE(params.get_bool("Absent", true));
  EXPECT_EQ(params.get_or("Absent", "x"), "x");
}

TEST(FormParams, BrokenEscapeIsAParseError) {
  auto params = FormParams::parse("Action=%G1");
  ASSERT_FALSE(params.has_value());
  EXPECT_EQ(params.error().kind, ErrorKind::parse);
}

}  // namespace
}  // namespace spawn::localcloud
