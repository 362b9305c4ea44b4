#include "localcloud/services/ec2/ec2_filters.hpp"

#include <gtest/gtest.h>

namespace spawn::localcloud {
namespace {

const FilterTable kTable{
    {"instance-state-name", member("/State/Name")},
    {"instance.group-id", members_of("/SecurityGroups", "/GroupId")},
};

std::vector<Ec2Filter> filters_of(std::string_view body) {
  auto params = FormParams::parse(body);
  EXPECT_TRUE(params.has_value());
  auto filters = parse_filters(*params, kTable);
  EXPECT_TRUE(filters.has_value()) << (filters ? "" : filters.error().message);
  return filters.value_or(std::vector<Ec2Filter>{});
}

const Json kInstance = Json::parse(R"({
  "State": {"Name": "running"},
  "SecurityGroups": [{"GroupId": "sg-1"}, {"GroupId": "sg-2"}],
  "Tags": {"spawn:managed": "true", "Name": "trainer-01"}
})");

TEST(Ec2Filters, EveryFilterMustMatchAndAnyValueWithinOne) {
  EXPECT_TRUE(matches(kInstance,
                      filters_of("Filter.1.Name=instance-state-name&Filter.1.Value.1=pending"
                                 "&Filter.1.Value.2=running"),
                      kTable));
  EXPECT_FALSE(matches(kInstance,
                       filters_of("Filter.1.Name=instance-state-name&Filter.1.Value.1=running"
                                  "&Filter.2.Name=tag:spawn:managed&Filter.2.Value.1=false"),
                       kTable));
}

TEST(Ec2Filters, TagFiltersWorkOnEveryDocument) {
  EXPECT_TRUE(
      matches(kInstance, filters_of("Filter.1.Name=tag-key&Filter.1.Value.1=Name"), kTable));
  EXPECT_TRUE(
      matches(kInstance, filters_of("Filter.1.Name=tag:Name&Filter.1.Value.1=trainer-*"), kTable));
  EXPECT_FALSE(
      matches(kInstance, filters_of("Filter.1.Name=tag:Owner&Filter.1.Value.1=*"), kTable));
  EXPECT_TRUE(
      matches(kInstance, filters_of("Filter.1.Name=tag-value&Filter.1.Value.1=true"), kTable));
}

TEST(Ec2Filters, ArrayMembersMatchAnyElement) {
  EXPECT_TRUE(matches(kInstance,
                      filters_of("Filter.1.Name=instance.group-id&Filter.1.Value.1=sg-2"), kTable));
}

TEST(Ec2Filters, UnknownFilterNameIsRejected) {
  auto params = FormParams::parse("Filter.1.Name=flavour&Filter.1.Value.1=x");
  auto filters = parse_filters(*params, kTable);
  ASSERT_FALSE(filters.has_value());
  EXPECT_EQ(filters.error().code, "InvalidParameterValue");
  EXPECT_NE(filters.error().message.find("flavour"), std::string::npos);
}

TEST(Ec2Filters, WildcardsMatchLikeEc2) {
  EXPECT_TRUE(wildcard_match("m7i.*", "m7i.large"));
  EXPECT_TRUE(wildcard_match("?7i.large", "m7i.large"));
  EXPECT_TRUE(wildcard_match("*", ""));
  EXPECT_FALSE(wildcard_match("m7i.*", "m7g.large"));
  EXPECT_TRUE(wildcard_match("a*b*c", "axxbyyc"));
  EXPECT_FALSE(wildcard_match("a*b*c", "axxbyy"));
}

}  // namespace
}  // namespace spawn::localcloud
