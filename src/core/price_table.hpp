// The data behind core/pricing.hpp: the on-demand prices read from AWS's price list on
// kPriceDate, and how much each covered region charges relative to us-east-1.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace spawn {

inline constexpr std::string_view kReferenceRegion = "us-east-1";

struct ListedPrice {
  std::string_view instance_type;  // "m7i.large"
  double usd_per_hour = 0;         // Linux, on-demand
};

// The prices listed for `region` (lower case): the common types for us-east-1, a few samples
// for some other regions, none for the rest.
std::span<const ListedPrice> listed_prices(std::string_view region);

// Roughly what `region` charges for a type relative to us-east-1, or nullopt for a region the
// table does not cover.
std::optional<double> region_factor(std::string_view region);

}  // namespace spawn
