#include "localcloud/services/ec2/ec2_cidr.hpp"

#include <gtest/gtest.h>

namespace spawn::localcloud {
namespace {

Ipv4Cidr cidr(std::string_view text) {
  auto parsed = parse_cidr(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(Ipv4Cidr{});
}

TEST(Ec2Cidr, ReadsBlocksAndWritesThemBack) {
  EXPECT_EQ(cidr("10.0.0.0/16").to_string(), "10.0.0.0/16");
  EXPECT_EQ(cidr("172.31.16.0/20").to_string(), "172.31.16.0/20");
  EXPECT_EQ(cidr("0.0.0.0/0").to_string(), "0.0.0.0/0");
  EXPECT_EQ(cidr("203.0.113.7/32").size(), 1u);
  EXPECT_EQ(cidr("10.0.0.0/16").size(), 65536u);
}

TEST(Ec2Cidr, RejectsMalformedBlocksAndHostBits) {
  for (std::string_view text :
       {"10.0.0.0", "10.0.0/16", "10.0.0.256/24", "10.0.0.0/33", "10.0.0.1/16", "a.b.c.d/8",
        "10.0.0.0/16 ", "", "/16", "10.0.0.0/-1"}) {
    EXPECT_FALSE(parse_cidr(text).has_value()) << text;
  }
}

TEST(Ec2Cidr, ContainmentAndOverlap) {
  EXPECT_TRUE(cidr("10.0.0.0/16").contains(cidr("10.0.1.0/24")));
  EXPECT_FALSE(cidr("10.0.0.0/16").contains(cidr("10.1.0.0/24")));
  EXPECT_FALSE(cidr("10.0.1.0/24").contains(cidr("10.0.0.0/16")));
  EXPECT_TRUE(cidr("10.0.0.0/24").overlaps(cidr("10.0.0.128/25")));
  EXPECT_FALSE(cidr("10.0.0.0/25").overlaps(cidr("10.0.0.128/25")));
  EXPECT_TRUE(cidr("0.0.0.0/0").contains(cidr("192.168.0.0/16")));
}

TEST(Ec2Cidr, NthBlockSplitsARange) {
  Ipv4Cidr vpc = cidr("172.31.0.0/16");
  EXPECT_EQ(nth_block(vpc, 20, 0).to_string(), "172.31.0.0/20");
  EXPECT_EQ(nth_block(vpc, 20, 1).to_string(), "172.31.16.0/20");
  EXPECT_EQ(nth_block(vpc, 20, 5).to_string(), "172.31.80.0/20");
}

}  // namespace
}  // namespace spawn::localcloud
