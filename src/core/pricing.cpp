// Prices without the AWS Pricing API, the most trusted answer first:
//   1. the price listed for the region (core/price_table.cpp);
//   2. us-east-1's answer times the region's factor; a region the table does not cover is
//      priced as us-east-1;
//   3. a type us-east-1 does not list is scaled from its family's listed sizes by AWS's size
//      normalization factors (nano 0.25, micro 0.5, small 1, medium 2, large 4, xlarge 8,
//      Nxlarge 8N), which is how AWS prices the sizes of a family. "metal" costs what the
//      family's largest listed size costs, "metal-24xl" what a 24xlarge costs, and a size that
//      reads as none of these counts as an xlarge;
//   4. an unknown family costs 0.10 per large size (about an m7i.large); a name without a
//      family ("invalid") 0.10.
//
// The earlier implementation (spec §14) scaled with multipliers that count a micro as 1 while
// its family bases are the prices of large sizes, so its family estimates came out 8 times too
// high ("m5.large via family -> 0.768" for a type listed at 0.096) and a nano half of what AWS
// charges. Here sizes and bases both come from real types.
#include "core/pricing.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <ratio>

#include "core/price_table.hpp"
#include "util/strings.hpp"

namespace spawn {
namespace {

constexpr double kSpotShareOfOnDemand = 0.35;
constexpr double kUnknownFamilyUsdPerLarge = 0.10;
constexpr double kUnknownTypeUsd = 0.10;
constexpr double kLargeUnits = 4;
constexpr double kXlargeUnits = 8;  // also what a size that cannot be read counts as

struct SizeUnits {
  std::string_view size;
  double units;
};
constexpr SizeUnits kNamedSizes[] = {{"nano", 0.25},         {"micro", 0.5},
                                     {"small", 1},           {"medium", 2},
                                     {"large", kLargeUnits}, {"xlarge", kXlargeUnits}};

// How many xlarges "<N>xlarge" or "metal-<N>xl" is, or nullopt for anything else.
std::optional<int> xlarge_count(std::string_view size) {
  if (size.starts_with("metal-") && size.ends_with("xl"))
    size = size.substr(6, size.size() - 8);
  else if (size.ends_with("xlarge"))
    size.remove_suffix(6);
  else
    return std::nullopt;
  int count = 0;
  auto [end, error] = std::from_chars(size.data(), size.data() + size.size(), count);
  if (error != std::errc() || end != size.data() + size.size() || count <= 0)
    return std::nullopt;
  return count;
}

// AWS's normalization factor of a size; nullopt for "metal" and sizes we cannot read.
std::optional<double> size_units(std::string_view size) {
  for (const auto& named : kNamedSizes) {
    if (size == named.size)
      return named.units;
  }
  if (auto count = xlarge_count(size))
    return kXlargeUnits * *count;
  return std::nullopt;
}

struct FamilyAndSize {
  std::string_view family;  // "m7i"
  std::string_view size;    // "12xlarge"
};

std::optional<FamilyAndSize> split_type(std::string_view type) {
  auto dot = type.find('.');
  if (dot == std::string_view::npos)
    return std::nullopt;
  return FamilyAndSize{type.substr(0, dot), type.substr(dot + 1)};
}

std::optional<double> find_listed(std::string_view region, std::string_view type) {
  for (const auto& listed : listed_prices(region)) {
    if (listed.instance_type == type)
      return listed.usd_per_hour;
  }
  return std::nullopt;
}

struct SizedPrice {
  double units = 0;
  double usd_per_hour = 0;
};

// The smallest and the largest readable size us-east-1 lists for `family`.
struct FamilyRange {
  SizedPrice smallest;
  SizedPrice largest;
};

std::optional<FamilyRange> family_range(std::string_view family) {
  std::optional<FamilyRange> range;
  for (const auto& listed : listed_prices(kReferenceRegion)) {
    auto parts = split_type(listed.instance_type);
    auto units = parts ? size_units(parts->size) : std::nullopt;
    if (!units || parts->family != family)
      continue;
    SizedPrice sized{*units, listed.usd_per_hour};
    if (!range)
      range = FamilyRange{sized, sized};
    if (sized.units < range->smallest.units)
      range->smallest = sized;
    if (sized.units > range->largest.units)
      range->largest = sized;
  }
  return range;
}

HourlyPrice estimate_from_family(FamilyAndSize type) {
  auto units = size_units(type.size);
  auto range = family_range(type.family);
  if (!range) {
    return {kUnknownFamilyUsdPerLarge * units.value_or(kXlargeUnits) / kLargeUnits,
            PriceSource::unknown};
  }
  if (!units && type.size == "metal")
    return {range->largest.usd_per_hour, PriceSource::estimated_from_family};
  double usd_per_unit = range->smallest.usd_per_hour / range->smallest.units;
  return {usd_per_unit * units.value_or(kXlargeUnits), PriceSource::estimated_from_family};
}

HourlyPrice us_east_1_price(std::string_view type) {
  if (auto listed = find_listed(kReferenceRegion, type))
    return {*listed, PriceSource::listed};
  auto parts = split_type(type);
  if (!parts)
    return {kUnknownTypeUsd, PriceSource::unknown};
  return estimate_from_family(*parts);
}

}  // namespace

bool is_estimate(PriceSource source) {
  return source != PriceSource::listed && source != PriceSource::live;
}

HourlyPrice on_demand_price(std::string_view region_text, std::string_view instance_type) {
  std::string region = to_lower(trim(region_text));
  std::string type = to_lower(trim(instance_type));
  if (region == kReferenceRegion)
    return us_east_1_price(type);
  if (auto listed = find_listed(region, type))
    return {*listed, PriceSource::listed};
  HourlyPrice price = us_east_1_price(type);
  price.usd_per_hour *= region_factor(region).value_or(1.0);
  if (price.source == PriceSource::listed)
    price.source = PriceSource::estimated_from_region;
  return price;
}

HourlyPrice spot_price(HourlyPrice on_demand, std::optional<double> live_usd_per_hour) {
  if (live_usd_per_hour && std::isfinite(*live_usd_per_hour) && *live_usd_per_hour > 0)
    return {*live_usd_per_hour, PriceSource::live};
  return {on_demand.usd_per_hour * kSpotShareOfOnDemand, PriceSource::estimated_spot};
}

double worst_case_usd(double usd_per_hour, Milliseconds ttl) {
  return usd_per_hour * std::chrono::duration<double, std::ratio<3600>>(ttl).count();
}

std::string format_usd(double amount) {
  // What rounds to zero at four decimals prints as "$0.0000", never "$-0.0000".
  if (std::abs(amount) < 0.00005)
    amount = 0;
  if (std::abs(amount) < 0.01)
    return fmt::format("${:.4f}", amount);
  return fmt::format("${:.2f}", amount);
}

std::string format_hourly(double usd_per_hour) {
  return format_usd(usd_per_hour) + "/hour";
}

}  // namespace spawn
