#include "core/price_table.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/pricing.hpp"

namespace spawn {
namespace {

TEST(PriceTable, ListsEachTypeOnce) {
  std::set<std::string_view> seen;
  for (const auto& row : listed_prices(kReferenceRegion))
    EXPECT_TRUE(seen.insert(row.instance_type).second) << row.instance_type;
}

TEST(PriceTable, CoversTheRegionsOfTheSpec) {
  for (std::string_view region : {"us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1",
                                  "eu-central-1", "ap-southeast-1", "ap-northeast-1"}) {
    auto factor = region_factor(region);
    ASSERT_TRUE(factor.has_value()) << region;
    EXPECT_GE(*factor, 1.0) << region;  // none of them is cheaper than us-east-1
  }
  EXPECT_FALSE(region_factor("sa-east-1").has_value());
}

}  // namespace
}  // namespace spawn
