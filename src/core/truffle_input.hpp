// What `truffle search ... | spawn launch` pipes in (spec §3.3): one offer, as a JSON
// object or the first element of an array. Launch uses the instance type, region, zone
// and spot choice (flags override each); the other fields are kept for the plan and
// the price shown to the user. Unknown fields are ignored, so newer truffles still work.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace spawn {

// Absent (or null) fields stay empty.
struct TruffleInput {
  std::string instance_type;  // "m7i.large"
  std::string region;
  std::string availability_zone;
  std::vector<std::string> availability_zones;
  std::optional<std::int64_t> vcpus;
  std::optional<std::int64_t> memory_mib;
  std::string architecture;
  bool spot = false;
  std::optional<double> spot_price;       // USD per hour
  std::optional<double> on_demand_price;  // USD per hour
  std::string reservation_id;
  std::optional<std::int64_t> available_capacity;
  // The spot price with 4 decimals ("0.0331") when spot and spot_price > 0: the MaxPrice
  // of the spot request. Empty otherwise.
  std::string spot_max_price;
};

// nullopt when `text` is empty or only whitespace ("no input"). Errors are ErrorKind::usage
// and say what is wrong: where the JSON breaks, or which field has which bad value.
Result<std::optional<TruffleInput>> parse_truffle_input(std::string_view text);

}  // namespace spawn
