// IPv4 CIDR blocks as VPCs, subnets and security group rules use them.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "localcloud/api/api.hpp"

namespace spawn::localcloud {

struct Ipv4Cidr {
  std::uint32_t network = 0;  // host bits are zero
  int prefix_length = 0;      // 0..32

  // How many addresses the block holds.
  std::uint64_t size() const;
  std::uint32_t last_address() const;
  bool contains(const Ipv4Cidr& other) const;
  bool overlaps(const Ipv4Cidr& other) const;
  // "10.0.0.0/16"
  std::string to_string() const;
};

// Reads "a.b.c.d/n"; nullopt when malformed or when host bits are set ("10.0.0.1/16").
std::optional<Ipv4Cidr> parse_cidr(std::string_view text);

// The block in the required parameter `name`; InvalidParameterValue naming the parameter
// as EC2 does (`wire_name`, "cidrBlock") when it is not a CIDR block.
std::expected<Ipv4Cidr, ApiError> required_cidr(const FormParams& params, std::string_view name,
                                                std::string_view wire_name);

// The block `index` of prefix length `prefix_length` inside `outer` (the N-th /20 of a /16).
Ipv4Cidr nth_block(const Ipv4Cidr& outer, int prefix_length, std::uint32_t index);

}  // namespace spawn::localcloud
