#include "localcloud/services/ec2/ec2_ip_allocator.hpp"

#include <arpa/inet.h>

#include "localcloud/services/ec2/ec2_instance_document.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::uint32_t address(std::uint32_t a, std::uint32_t b, std::uint32_t c,
                                std::uint32_t d) {
  return a << 24 | b << 16 | c << 8 | d;
}

constexpr std::uint32_t kPrivateFirst = address(127, 1, 0, 1);
constexpr std::uint32_t kPrivateLast = address(127, 63, 255, 254);
constexpr std::uint32_t kPublicFirst = address(127, 64, 0, 1);
constexpr std::uint32_t kPublicLast = address(127, 127, 255, 254);

// Host parts ending in .0 or .255 look like network or broadcast addresses; skip them.
bool usable(std::uint32_t value) {
  std::uint32_t last_octet = value & 0xff;
  return last_octet != 0 && last_octet != 255;
}

std::string to_text(std::uint32_t value) {
  return std::to_string(value >> 24) + "." + std::to_string(value >> 16 & 0xff) + "." +
         std::to_string(value >> 8 & 0xff) + "." + std::to_string(value & 0xff);
}

std::optional<std::uint32_t> parse(std::string_view text) {
  in_addr parsed{};
  if (inet_pton(AF_INET, std::string(text).c_str(), &parsed) != 1)
    return std::nullopt;
  return ntohl(parsed.s_addr);
}

}  // namespace

IpAllocator::IpAllocator(const ResourceStore& store)
    : private_{kPrivateFirst, kPrivateLast, kPrivateFirst},
      public_{kPublicFirst, kPublicLast, kPublicFirst} {
  for (const std::string& region : store.regions_with(kInstanceKind)) {
    store.read(region, kInstanceKind, [&](const ResourceMap& instances) {
      for (const auto& [id, instance] : instances) {
        for (const char* member : {"PrivateIpAddress", "PublicIpAddress"}) {
          if (auto value = parse(instance.value(member, "")))
            taken_.insert(*value);
        }
      }
    });
  }
}

IpAllocator::Range& IpAllocator::range_of(AddressPool pool) {
  return pool == AddressPool::private_ip ? private_ : public_;
}

std::optional<std::string> IpAllocator::allocate(AddressPool pool) {
  std::lock_guard lock(mutex_);
  Range& range = range_of(pool);
  std::uint32_t candidate = range.next;
  for (std::uint32_t tries = range.last - range.first + 1; tries > 0; --tries) {
    std::uint32_t following = candidate == range.last ? range.first : candidate + 1;
    if (usable(candidate) && taken_.insert(candidate).second) {
      range.next = following;
      return to_text(candidate);
    }
    candidate = following;
  }
  return std::nullopt;
}

void IpAllocator::release(std::string_view text) {
  std::lock_guard lock(mutex_);
  if (auto value = parse(text))
    taken_.erase(*value);
}

void IpAllocator::clear() {
  std::lock_guard lock(mutex_);
  taken_.clear();
  private_.next = private_.first;
  public_.next = public_.first;
}

}  // namespace spawn::localcloud
