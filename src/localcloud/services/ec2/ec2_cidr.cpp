#include "localcloud/services/ec2/ec2_cidr.hpp"

#include <charconv>

#include "localcloud/services/ec2/ec2_request.hpp"

namespace spawn::localcloud {
namespace {

constexpr int kAddressBits = 32;

std::uint32_t mask_of(int prefix_length) {
  return prefix_length == 0 ? 0 : ~std::uint32_t{0} << (kAddressBits - prefix_length);
}

// Reads a decimal number in [0, max] at the front of `text` and drops it.
std::optional<std::uint32_t> take_number(std::string_view& text, std::uint32_t max) {
  std::uint32_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end == text.data() || value > max)
    return std::nullopt;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return value;
}

bool take_char(std::string_view& text, char expected) {
  if (text.empty() || text.front() != expected)
    return false;
  text.remove_prefix(1);
  return true;
}

}  // namespace

std::uint64_t Ipv4Cidr::size() const {
  return std::uint64_t{1} << (kAddressBits - prefix_length);
}

std::uint32_t Ipv4Cidr::last_address() const {
  return network | ~mask_of(prefix_length);
}

bool Ipv4Cidr::contains(const Ipv4Cidr& other) const {
  return other.prefix_length >= prefix_length &&
         (other.network & mask_of(prefix_length)) == network;
}

bool Ipv4Cidr::overlaps(const Ipv4Cidr& other) const {
  return contains(other) || other.contains(*this);
}

std::string Ipv4Cidr::to_string() const {
  std::string text;
  for (int shift = 24; shift >= 0; shift -= 8) {
    text += std::to_string((network >> shift) & 0xff);
    text += shift > 0 ? "." : "/";
  }
  return text + std::to_string(prefix_length);
}

std::optional<Ipv4Cidr> parse_cidr(std::string_view text) {
  std::uint32_t address = 0;
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0 && !take_char(text, '.'))
      return std::nullopt;
    auto value = take_number(text, 255);
    if (!value)
      return std::nullopt;
    address = (address << 8) | *value;
  }
  if (!take_char(text, '/'))
    return std::nullopt;
  auto prefix_length = take_number(text, kAddressBits);
  if (!prefix_length || !text.empty())
    return std::nullopt;
  Ipv4Cidr cidr{address, static_cast<int>(*prefix_length)};
  if ((address & ~mask_of(cidr.prefix_length)) != 0)
    return std::nullopt;
  return cidr;
}

std::expected<Ipv4Cidr, ApiError> required_cidr(const FormParams& params, std::string_view name,
                                                std::string_view wire_name) {
  auto text = required(params, name);
  if (!text)
    return std::unexpected(text.error());
  auto cidr = parse_cidr(*text);
  if (!cidr) {
    return std::unexpected(client_error(
        "InvalidParameterValue", "Value (" + *text + ") for parameter " + std::string(wire_name) +
                                     " is invalid. This is not a valid CIDR block."));
  }
  return *cidr;
}

Ipv4Cidr nth_block(const Ipv4Cidr& outer, int prefix_length, std::uint32_t index) {
  return {outer.network + (index << (kAddressBits - prefix_length)), prefix_length};
}

}  // namespace spawn::localcloud
