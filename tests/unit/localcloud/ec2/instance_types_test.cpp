#include "localcloud/catalog/instance_types.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "core/price_table.hpp"
#include "core/pricing.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::int64_t kGiB = 1024;

std::string family_of(std::string_view name) {
  return std::string(name.substr(0, name.find('.')));
}

// spawn's estimates and localcloud's spot prices must start from the same us-east-1 prices, so
// that a launch on localcloud shows what the same launch on AWS would.
TEST(InstanceTypes, PricesAgreeWithSpawnsPriceTable) {
  auto listed = spawn::listed_prices(spawn::kReferenceRegion);
  for (const auto& type : instance_types()) {
    auto row = std::ranges::find(listed, type.name, &spawn::ListedPrice::instance_type);
    ASSERT_NE(row, listed.end()) << type.name << " is missing from the price table";
    EXPECT_EQ(row->usd_per_hour, type.on_demand_usd_per_hour) << type.name;
  }
  EXPECT_EQ(spawn::kPriceDate, kOnDemandPriceDate);
}

TEST(InstanceTypes, FindsTheTypesUsersPick) {
  for (std::string_view name : {"t3.micro", "t4g.small", "m7i.large", "c7g.xlarge", "r7i.2xlarge",
                                "g5.xlarge", "g6e.xlarge", "p5.48xlarge", "inf2.xlarge",
                                "trn1.32xlarge", "m8g.medium", "gr6.4xlarge", "g5g.xlarge"}) {
    EXPECT_NE(find_instance_type(name), nullptr) << name;
  }
  EXPECT_EQ(find_instance_type("m7i.huge"), nullptr);
  EXPECT_EQ(find_instance_type(""), nullptr);
}

TEST(InstanceTypes, NamesAreUniqueAndSorted) {
  std::set<std::string_view> names;
  std::string_view previous;
  for (const InstanceTypeSpec& type : instance_types()) {
    EXPECT_TRUE(names.insert(type.name).second) << type.name;
    EXPECT_LT(previous, type.name);
    previous = type.name;
  }
}

TEST(InstanceTypes, KnownSpecsMatchAws) {
  const InstanceTypeSpec* m7i = find_instance_type("m7i.large");
  ASSERT_NE(m7i, nullptr);
  EXPECT_EQ(m7i->vcpus, 2);
  EXPECT_EQ(m7i->memory_mib, 8 * kGiB);
  EXPECT_EQ(m7i->architecture, Architecture::x86_64);
  EXPECT_DOUBLE_EQ(m7i->on_demand_usd_per_hour, 0.1008);

  const InstanceTypeSpec* g5 = find_instance_type("g5.12xlarge");
  ASSERT_NE(g5, nullptr);
  EXPECT_EQ(g5->gpu.count, 4);
  EXPECT_EQ(g5->gpu.name, "A10G");
  EXPECT_EQ(g5->gpu.manufacturer, "NVIDIA");
  EXPECT_EQ(g5->gpu.memory_mib, 24 * kGiB);

  const InstanceTypeSpec* p5 = find_instance_type("p5.48xlarge");
  ASSERT_NE(p5, nullptr);
  EXPECT_EQ(p5->gpu.count, 8);
  EXPECT_EQ(p5->gpu.name, "H100");
  EXPECT_EQ(p5->memory_mib, 2048 * kGiB);

  const InstanceTypeSpec* inf2 = find_instance_type("inf2.48xlarge");
  ASSERT_NE(inf2, nullptr);
  EXPECT_EQ(inf2->neuron.count, 12);
  EXPECT_EQ(inf2->gpu.count, 0);
}

TEST(InstanceTypes, GravitonFamiliesAreArmWithOneThreadPerCore) {
  for (std::string_view name : {"t4g.micro", "m6g.large", "m7g.large", "m8g.large", "c6g.large",
                                "c7g.large", "r7g.large", "g5g.xlarge"}) {
    const InstanceTypeSpec* type = find_instance_type(name);
    ASSERT_NE(type, nullptr) << name;
    EXPECT_EQ(type->architecture, Architecture::arm64) << name;
    EXPECT_EQ(type->threads_per_core, 1) << name;
  }
  EXPECT_EQ(find_instance_type("m7i.large")->threads_per_core, 2);
  EXPECT_EQ(find_instance_type("m7a.large")->threads_per_core, 1);
}

TEST(InstanceTypes, HibernationFollowsAwsRules) {
  for (std::string_view name : {"t3.micro", "t4g.large", "m5.large", "m7i.8xlarge", "c5.18xlarge",
                                "r5.4xlarge", "m7g.8xlarge"}) {
    EXPECT_TRUE(find_instance_type(name)->hibernation_supported) << name;
  }
  // Too much memory (150 GiB or more), bare metal, accelerators.
  for (std::string_view name :
       {"m5.12xlarge", "r5.8xlarge", "c5.24xlarge", "m5.metal", "m7g.metal", "g4dn.xlarge",
        "g5.xlarge", "p4d.24xlarge", "inf2.xlarge", "trn1.2xlarge", "g5g.xlarge"}) {
    EXPECT_FALSE(find_instance_type(name)->hibernation_supported) << name;
  }
  for (const InstanceTypeSpec& type : instance_types()) {
    if (type.hibernation_supported) {
      EXPECT_LT(type.memory_mib, 150 * kGiB) << type.name;
    }
  }
}

// Memory per vCPU is what distinguishes the families: c 2 GiB, m 4 GiB, r 8 GiB.
TEST(InstanceTypes, MemoryPerVcpuFitsTheFamily) {
  for (const InstanceTypeSpec& type : instance_types()) {
    std::string family = family_of(type.name);
    std::int64_t per_vcpu = type.memory_mib / type.vcpus;
    std::int64_t expected = family.starts_with("c")   ? 2 * kGiB
                            : family.starts_with("m") ? 4 * kGiB
                            : family.starts_with("r") ? 8 * kGiB
                                                      : per_vcpu;
    EXPECT_EQ(per_vcpu, expected) << type.name;
  }
}

TEST(InstanceTypes, PricesGrowWithSizeWithinAFamily) {
  for (const InstanceTypeSpec& type : instance_types()) {
    EXPECT_GT(type.on_demand_usd_per_hour, 0) << type.name;
    if (type.bare_metal || type.gpu.count > 0 || type.neuron.count > 0)
      continue;
    for (const InstanceTypeSpec& other : instance_types()) {
      if (family_of(other.name) == family_of(type.name) && !other.bare_metal &&
          other.vcpus > type.vcpus) {
        EXPECT_GT(other.on_demand_usd_per_hour, type.on_demand_usd_per_hour)
            << other.name << " vs " << type.name;
      }
    }
  }
}

TEST(InstanceTypes, OnlyTheTFamiliesAreBurstable) {
  for (const InstanceTypeSpec& type : instance_types()) {
    bool t_family = type.name.starts_with("t3") || type.name.starts_with("t4g");
    EXPECT_EQ(type.burstable, t_family) << type.name;
  }
}

}  // namespace
}  // namespace spawn::localcloud
