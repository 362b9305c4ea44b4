// Regions, zones, instance types and spot prices, read back with spawn's own parsers.
#include <algorithm>
#include <set>

#include "aws/ec2_parse.hpp"
#include "ec2_network_fixture.hpp"
#include "localcloud/catalog/instance_types.hpp"
#include "localcloud/catalog/regions.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud::network_testing {
namespace {

using aws::parse_items;
using CatalogTest = Ec2NetworkTest;

TEST_F(CatalogTest, DescribeRegionsListsEveryRegionWithItsEndpoint) {
  auto found = parse_items(ok("DescribeRegions", ""), "regionInfo", aws::parse_region);
  ASSERT_EQ(found.size(), regions().size());
  auto eu = std::find_if(found.begin(), found.end(), [](const aws::Region& region) {
    return region.region_name == "eu-west-1";
  });
  ASSERT_NE(eu, found.end());
  EXPECT_EQ(eu->endpoint, "ec2.eu-west-1.amazonaws.com");
  EXPECT_EQ(eu->opt_in_status, "opt-in-not-required");
  EXPECT_EQ(
      parse_items(ok("DescribeRegions", "AllRegions=true"), "regionInfo", aws::parse_region).size(),
      regions().size());
}

TEST_F(CatalogTest, DescribeRegionsByNameAndFilter) {
  auto named = parse_items(ok("DescribeRegions", "RegionName.1=us-west-2&RegionName.2=eu-north-1"),
                           "regionInfo", aws::parse_region);
  ASSERT_EQ(named.size(), 2u);
  auto opted_in =
      parse_items(ok("DescribeRegions", "Filter.1.Name=opt-in-status&Filter.1.Value.1=opted-in"),
                  "regionInfo", aws::parse_region);
  EXPECT_FALSE(opted_in.empty());
  for (const auto& region : opted_in)
    EXPECT_EQ(region.opt_in_status, "opted-in");
  expect_error("DescribeRegions", "RegionName.1=mars-north-1", "InvalidParameterValue");
  expect_error("DescribeRegions", "Filter.1.Name=flavour&Filter.1.Value.1=x",
               "InvalidParameterValue");
}

TEST_F(CatalogTest, DescribeAvailabilityZonesAnswersTheRequestRegion) {
  auto zones = parse_items(ok("DescribeAvailabilityZones", ""), "availabilityZoneInfo",
                           aws::parse_availability_zone);
  ASSERT_EQ(zones.size(), 6u);
  EXPECT_EQ(zones[0].zone_name, "us-east-1a");
  EXPECT_EQ(zones[0].zone_id, "use1-az1");
  EXPECT_EQ(zones[0].state, "available");
  EXPECT_EQ(zones[0].region_name, "us-east-1");
  EXPECT_EQ(zones[0].zone_type, "availability-zone");

  auto tokyo = parse_items(ok("DescribeAvailabilityZones", "", "ap-northeast-1"),
                           "availabilityZoneInfo", aws::parse_availability_zone);
  ASSERT_EQ(tokyo.size(), 3u);
  EXPECT_EQ(tokyo[1].zone_name, "ap-northeast-1c");
  EXPECT_EQ(tokyo[1].zone_id, "apne1-az2");
}

TEST_F(CatalogTest, DescribeAvailabilityZonesByNameIdAndFilter) {
  auto named =
      parse_items(ok("DescribeAvailabilityZones", "ZoneName.1=us-east-1b&ZoneId.1=use1-az3"),
                  "availabilityZoneInfo", aws::parse_availability_zone);
  ASSERT_EQ(named.size(), 2u);
  EXPECT_EQ(named[0].zone_name, "us-east-1b");
  EXPECT_EQ(named[1].zone_name, "us-east-1c");
  auto filtered =
      parse_items(ok("DescribeAvailabilityZones", "Filter.1.Name=zone-name&Filter.1.Value.1=*d"),
                  "availabilityZoneInfo", aws::parse_availability_zone);
  ASSERT_EQ(filtered.size(), 1u);
  EXPECT_EQ(filtered[0].zone_name, "us-east-1d");
  expect_error("DescribeAvailabilityZones", "ZoneName.1=eu-west-1a", "InvalidParameterValue");
}

TEST_F(CatalogTest, DescribeInstanceTypesGivesTheFullShape) {
  auto types =
      parse_items(ok("DescribeInstanceTypes", "InstanceType.1=g5.xlarge&InstanceType.2=m7g.large"),
                  "instanceTypeSet", aws::parse_instance_type_info);
  ASSERT_EQ(types.size(), 2u);
  const aws::InstanceTypeInfo& g5 = types[0];
  EXPECT_EQ(g5.instance_type, "g5.xlarge");
  EXPECT_TRUE(g5.current_generation);
  EXPECT_EQ(g5.vcpus, 4);
  EXPECT_EQ(g5.memory_mib, 16384);
  EXPECT_EQ(g5.architectures, std::vector<std::string>{"x86_64"});
  ASSERT_EQ(g5.gpus.size(), 1u);
  EXPECT_EQ(g5.gpus[0].count, 1);
  EXPECT_EQ(g5.gpus[0].manufacturer, "NVIDIA");
  EXPECT_EQ(g5.gpus[0].name, "A10G");
  EXPECT_EQ(g5.gpus[0].memory_mib, 24576);
  EXPECT_FALSE(g5.hibernation_supported);
  EXPECT_EQ(g5.usage_classes, (std::vector<std::string>{"on-demand", "spot"}));
  const aws::InstanceTypeInfo& m7g = types[1];
  EXPECT_EQ(m7g.architectures, std::vector<std::string>{"arm64"});
  EXPECT_TRUE(m7g.hibernation_supported);
  EXPECT_TRUE(m7g.gpus.empty());
}

TEST_F(CatalogTest, DescribeInstanceTypesRejectsUnknownTypes) {
  expect_error("DescribeInstanceTypes", "InstanceType.1=m7i.large&InstanceType.2=m7i.giant",
               "InvalidInstanceType");
}

TEST_F(CatalogTest, DescribeInstanceTypesFilters) {
  auto arm_gpus =
      parse_items(ok("DescribeInstanceTypes",
                     "Filter.1.Name=processor-info.supported-architecture&Filter.1.Value.1=arm64"
                     "&Filter.2.Name=instance-type&Filter.2.Value.1=g5g.*"),
                  "instanceTypeSet", aws::parse_instance_type_info);
  EXPECT_EQ(arm_gpus.size(), 5u);
  for (const auto& type : arm_gpus)
    EXPECT_TRUE(type.instance_type.starts_with("g5g.")) << type.instance_type;

  auto small_hibernating =
      parse_items(ok("DescribeInstanceTypes",
                     "Filter.1.Name=hibernation-supported&Filter.1.Value.1=true"
                     "&Filter.2.Name=vcpu-info.default-vcpus&Filter.2.Value.1=2"
                     "&Filter.3.Name=memory-info.size-in-mib&Filter.3.Value.1=8192"
                     "&Filter.4.Name=current-generation&Filter.4.Value.1=true&MaxResults=100"),
                  "instanceTypeSet", aws::parse_instance_type_info);
  EXPECT_FALSE(small_hibernating.empty());
  for (const auto& type : small_hibernating) {
    EXPECT_EQ(type.vcpus, 2) << type.instance_type;
    EXPECT_EQ(type.memory_mib, 8192) << type.instance_type;
    EXPECT_TRUE(type.hibernation_supported) << type.instance_type;
  }
}

TEST_F(CatalogTest, DescribeInstanceTypesPagesThroughEveryType) {
  std::set<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    std::string body = "MaxResults=37" + (token.empty() ? "" : "&NextToken=" + token);
    auto page = aws::parse_page(ok("DescribeInstanceTypes", body), "instanceTypeSet",
                                aws::parse_instance_type_info);
    EXPECT_LE(page.items.size(), 37u);
    for (const auto& type : page.items)
      EXPECT_TRUE(seen.insert(type.instance_type).second) << type.instance_type;
    token = form_encode(page.next_token);
    ++pages;
  } while (!token.empty() && pages < 100);
  EXPECT_EQ(seen.size(), instance_types().size());
  EXPECT_GT(pages, 1);
  expect_error("DescribeInstanceTypes", "MaxResults=4", "InvalidParameterValue");
  expect_error("DescribeInstanceTypes", "MaxResults=101", "InvalidParameterValue");
}

std::vector<aws::SpotPrice> spot_prices(pugi::xml_node root) {
  std::vector<aws::SpotPrice> prices;
  for (pugi::xml_node item : aws::xml::list(root, "spotPriceHistorySet")) {
    auto price = aws::parse_spot_price(item);
    EXPECT_TRUE(price.has_value());
    if (price)
      prices.push_back(*price);
  }
  return prices;
}

TEST_F(CatalogTest, SpotPricesAreAFractionOfOnDemandPerZone) {
  auto now = spot_prices(
      ok("DescribeSpotPriceHistory", "InstanceType.1=m7i.large&ProductDescription.1=Linux%2FUNIX"));
  ASSERT_EQ(now.size(), 6u);  // one per zone
  double on_demand = find_instance_type("m7i.large")->on_demand_usd_per_hour;
  std::set<std::string> zones;
  for (const auto& price : now) {
    EXPECT_EQ(price.instance_type, "m7i.large");
    EXPECT_EQ(price.product_description, "Linux/UNIX");
    EXPECT_GE(price.price_per_hour, 0.30 * on_demand - 1e-6);
    EXPECT_LE(price.price_per_hour, 0.40 * on_demand + 1e-6);
    EXPECT_TRUE(price.timestamp.has_value());
    zones.insert(price.availability_zone);
  }
  EXPECT_EQ(zones.size(), 6u);
}

TEST_F(CatalogTest, SpotPricesAreDeterministic) {
  std::string body = "InstanceType.1=c7g.large&AvailabilityZone=us-east-1b";
  auto first = spot_prices(ok("DescribeSpotPriceHistory", body));
  auto second = spot_prices(ok("DescribeSpotPriceHistory", body));
  ASSERT_EQ(first.size(), 2u);  // both Linux product descriptions
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(first[0].price_per_hour, second[0].price_per_hour);
  expect_error("DescribeSpotPriceHistory", "AvailabilityZone=eu-west-1a", "InvalidParameterValue");
}

TEST_F(CatalogTest, SpotPriceHistoryCoversTheTimeRangeAndPages) {
  std::string body =
      "InstanceType.1=r7i.large&AvailabilityZone=us-east-1a&ProductDescription.1=Linux%2FUNIX"
      "&StartTime=2024-11-21T00:00:00Z&EndTime=2024-12-01T12:00:00Z";
  auto all = spot_prices(ok("DescribeSpotPriceHistory", body));
  EXPECT_EQ(all.size(), 11u);  // one price a day, the first in effect at StartTime
  std::set<double> distinct;
  for (const auto& price : all)
    distinct.insert(price.price_per_hour);
  EXPECT_GT(distinct.size(), 1u);

  std::size_t paged = 0;
  std::string token;
  do {
    auto root = ok("DescribeSpotPriceHistory",
                   body + "&MaxResults=4" + (token.empty() ? "" : "&NextToken=" + token));
    paged += spot_prices(root).size();
    token = form_encode(aws::xml::text(root, "nextToken"));
  } while (!token.empty() && paged < 100);
  EXPECT_EQ(paged, all.size());
}

TEST_F(CatalogTest, SpotPriceFilters) {
  auto filtered = spot_prices(ok("DescribeSpotPriceHistory",
                                 "Filter.1.Name=instance-type&Filter.1.Value.1=g6.*"
                                 "&Filter.2.Name=availability-zone&Filter.2.Value.1=us-east-1c"
                                 "&ProductDescription.1=Linux%2FUNIX"));
  EXPECT_EQ(filtered.size(), 8u);  // the g6 sizes
  for (const auto& price : filtered) {
    EXPECT_TRUE(price.instance_type.starts_with("g6.")) << price.instance_type;
    EXPECT_EQ(price.availability_zone, "us-east-1c");
  }
}

}  // namespace
}  // namespace spawn::localcloud::network_testing
