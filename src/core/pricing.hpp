// What an instance costs, without the AWS Pricing API: on-demand Linux prices in USD per hour
// from an embedded table (core/price_table.hpp), estimates where the table has no entry, spot
// prices, the worst case for a TTL, and how spawn writes amounts of money. Every price says
// where it came from, so that a guess is never shown as if AWS had listed it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/duration.hpp"

namespace spawn {

// When the embedded prices were read from AWS's price list; shown as "prices of 2024-12-01".
inline constexpr std::string_view kPriceDate = "2024-12-01";

enum class PriceSource {
  listed,                 // the embedded table's price for this type in this region
  live,                   // a price AWS reported for this launch (DescribeSpotPriceHistory)
  estimated_from_region,  // us-east-1's listed price times the region's approximate factor
  estimated_from_family,  // scaled by size from listed types of the same family
  estimated_spot,         // a share of the on-demand price, for want of a live spot price
  unknown,                // neither the type nor its family is known: a placeholder
};

struct HourlyPrice {
  double usd_per_hour = 0;
  PriceSource source = PriceSource::unknown;
};

// Whether the price is a guess of spawn's rather than a price AWS published.
bool is_estimate(PriceSource source);

// The on-demand price of `instance_type` in `region`, both trimmed and lower-cased. A region
// without a table of its own is priced as us-east-1 (estimated_from_region); an unknown type of
// a known family is scaled from its listed sizes; an unknown family costs 0.10 per large size.
HourlyPrice on_demand_price(std::string_view region, std::string_view instance_type);

// The spot price to show: the live one when AWS gave a positive price, otherwise 35 % of the
// on-demand price (estimated_spot), what spot typically costs.
HourlyPrice spot_price(HourlyPrice on_demand, std::optional<double> live_usd_per_hour);

// The most running for `ttl` can cost: the hourly price times the TTL in hours.
double worst_case_usd(double usd_per_hour, Milliseconds ttl);

// "$1.25", "$-5.50"; amounts under one cent keep four decimals ("$0.0052", "$0.0000").
std::string format_usd(double amount);
// "$0.10/hour", "$0.0052/hour".
std::string format_hourly(double usd_per_hour);

}  // namespace spawn
