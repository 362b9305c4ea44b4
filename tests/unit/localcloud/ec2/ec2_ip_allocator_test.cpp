#include "localcloud/services/ec2/ec2_ip_allocator.hpp"

#include <gtest/gtest.h>

#include <set>

namespace spawn::localcloud {
namespace {

std::unique_ptr<ResourceStore> memory_store() {
  auto store = ResourceStore::open(":memory:");
  EXPECT_TRUE(store.has_value());
  return std::move(*store);
}

TEST(IpAllocator, HandsOutDistinctLoopbackAddressesAwayFrom127_0) {
  auto store = memory_store();
  IpAllocator allocator(*store);
  std::set<std::string> seen;
  for (int i = 0; i < 600; ++i) {
    for (AddressPool pool : {AddressPool::private_ip, AddressPool::public_ip}) {
      auto address = allocator.allocate(pool);
      ASSERT_TRUE(address.has_value());
      EXPECT_TRUE(address->starts_with("127.")) << *address;
      EXPECT_FALSE(address->starts_with("127.0.")) << *address;
      EXPECT_FALSE(address->ends_with(".0") || address->ends_with(".255")) << *address;
      EXPECT_TRUE(seen.insert(*address).second) << *address;
    }
  }
}

TEST(IpAllocator, AddressesHeldByStoredInstancesAreTaken) {
  auto store = memory_store();
  auto written = store->write([](Transaction& transaction) -> Result<void> {
    transaction.put("eu-west-1", "instance", "i-1",
                    Json{{"PrivateIpAddress", "127.1.0.1"}, {"PublicIpAddress", "127.64.0.1"}});
    return {};
  });
  ASSERT_TRUE(written.has_value());
  IpAllocator allocator(*store);
  EXPECT_EQ(allocator.allocate(AddressPool::private_ip), "127.1.0.2");
  EXPECT_EQ(allocator.allocate(AddressPool::public_ip), "127.64.0.2");
}

TEST(IpAllocator, ReleasedAddressesComeBackEventually) {
  auto store = memory_store();
  IpAllocator allocator(*store);
  auto first = allocator.allocate(AddressPool::private_ip);
  allocator.release(*first);
  allocator.clear();
  EXPECT_EQ(allocator.allocate(AddressPool::private_ip), first);
}

}  // namespace
}  // namespace spawn::localcloud
