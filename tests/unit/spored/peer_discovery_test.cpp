#include "spored/peer_discovery.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace spawn::spored {
namespace {

Peer peer(int index, std::string private_ip) {
  return {index, "i-" + std::to_string(index), "", std::move(private_ip), ""};
}

TEST(PeerDiscovery, CompleteOnlyWithEveryIndexOnceAndEachPrivateAddress) {
  EXPECT_TRUE(peers_complete({peer(0, "10.0.0.1"), peer(1, "10.0.0.2")}, 2));
  EXPECT_FALSE(peers_complete({peer(0, "10.0.0.1")}, 2)) << "a member is missing";
  EXPECT_FALSE(peers_complete({peer(0, "10.0.0.1"), peer(1, "")}, 2)) << "no address yet";
  EXPECT_FALSE(peers_complete({peer(0, "10.0.0.1"), peer(0, "10.0.0.2")}, 2)) << "index twice";
  EXPECT_FALSE(peers_complete({peer(0, "10.0.0.1"), peer(2, "10.0.0.2")}, 2)) << "out of range";
  EXPECT_FALSE(peers_complete({peer(0, "a"), peer(1, "b"), peer(1, "c")}, 2)) << "one too many";
}

TEST(PeerDiscovery, DocumentListsEveryMemberWithItsAddresses) {
  auto document = nlohmann::json::parse(peers_document(
      {{0, "i-0aaa", "3.1.2.3", "10.0.1.5", "grid-0.1kpqzg2c.spore.host"}, peer(1, "10.0.1.6")}));
  ASSERT_EQ(document.size(), 2u);
  EXPECT_EQ(document[0], (nlohmann::json{{"index", 0},
                                         {"instance_id", "i-0aaa"},
                                         {"ip", "3.1.2.3"},
                                         {"private_ip", "10.0.1.5"},
                                         {"dns", "grid-0.1kpqzg2c.spore.host"},
                                         {"provider", "ec2"}}));
  EXPECT_EQ(document[1]["private_ip"], "10.0.1.6");
  EXPECT_EQ(document[1]["ip"], "");
}

}  // namespace
}  // namespace spawn::spored
