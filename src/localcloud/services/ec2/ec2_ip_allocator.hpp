// Every instance gets loopback addresses of its own: a private one, on which its
// IMDS listens and which DescribeInstances reports, and a public one when its
// subnet maps public IPs. Addresses come from two disjoint ranges of 127/8 that
// leave 127.0.x.x alone (127.0.0.1 is localcloud's own, 127.0.0.53 the system
// resolver), are never handed out twice while an instance document holds them
// (in any region), and survive restarts because the taken set is rebuilt from the
// stored instances.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

enum class AddressPool { private_ip, public_ip };

class IpAllocator {
 public:
  // Marks the addresses held by every instance in `store` as taken.
  explicit IpAllocator(const ResourceStore& store);

  // A free address of `pool` ("127.1.0.1"), or nullopt when the pool is exhausted.
  std::optional<std::string> allocate(AddressPool pool);
  // Gives the address back (unknown addresses are ignored).
  void release(std::string_view address);
  // Forgets every address (the store was cleared).
  void clear();

 private:
  struct Range {
    std::uint32_t first;
    std::uint32_t last;
    std::uint32_t next;  // where the next search starts
  };
  Range& range_of(AddressPool pool);

  std::mutex mutex_;
  std::set<std::uint32_t> taken_;
  Range private_;
  Range public_;
};

}  // namespace spawn::localcloud
