#include "localcloud/services/s3/bucket_name.hpp"

#include <algorithm>
#include <array>

#include "util/strings.hpp"

namespace spawn::localcloud {

namespace {

constexpr std::size_t kMinLength = 3;
constexpr std::size_t kMaxLength = 63;
constexpr std::size_t kIpv4Parts = 4;

constexpr std::array<std::string_view, 3> kReservedPrefixes = {"xn--", "sthree-", "amzn-s3-demo-"};
constexpr std::array<std::string_view, 4> kReservedSuffixes = {"-s3alias", "--ol-s3", ".mrap",
                                                               "--x-s3"};

bool is_lower_or_digit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool is_name_character(char c) {
  return is_lower_or_digit(c) || c == '.' || c == '-';
}

// "192.168.5.4": four dot-separated groups of digits.
bool looks_like_ipv4(std::string_view name) {
  auto parts = split(name, '.');
  return parts.size() == kIpv4Parts &&
         std::all_of(parts.begin(), parts.end(), [](const auto& part) {
           return !part.empty() && std::all_of(part.begin(), part.end(),
                                               [](char c) { return c >= '0' && c <= '9'; });
         });
}

bool is_reserved(std::string_view name) {
  return std::any_of(kReservedPrefixes.begin(), kReservedPrefixes.end(),
                     [&](std::string_view prefix) { return name.starts_with(prefix); }) ||
         std::any_of(kReservedSuffixes.begin(), kReservedSuffixes.end(),
                     [&](std::string_view suffix) { return name.ends_with(suffix); });
}

}  // namespace

bool is_valid_bucket_name(std::string_view name) {
  return name.size() >= kMinLength && name.size() <= kMaxLength &&
         std::all_of(name.begin(), name.end(), is_name_character) &&
         is_lower_or_digit(name.front()) && is_lower_or_digit(name.back()) &&
         name.find("..") == std::string_view::npos && !looks_like_ipv4(name) && !is_reserved(name);
}

}  // namespace spawn::localcloud
