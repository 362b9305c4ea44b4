// Job arrays: every member writes /etc/spawn/job-array-peers.json, the list of all
// members (index, instance id, addresses, DNS name), so that MPI and other
// multi-node programs can find each other. Members boot at different times, so the
// agent asks again every minute until the list is complete, and only then writes it
// (atomically): a program waiting for the file never reads half a list.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "aws/ec2.hpp"
#include "spored/agent_config.hpp"
#include "util/result.hpp"

namespace spawn::spored {

struct Peer {
  int index = 0;
  std::string instance_id;
  std::string ip;          // public address; may be empty
  std::string private_ip;  // what MPI should use
  std::string dns;         // <Name>.<account-base36>.spore.host, empty without a Name

  bool operator==(const Peer&) const = default;
};

// The pending and running members of the array, sorted by index.
Result<std::vector<Peer>> discover_peers(aws::Ec2Client& ec2, const AgentConfig& config);

// Every index from 0 to size-1 present once, each with a private address.
bool peers_complete(const std::vector<Peer>& peers, int size);

// The file's content: a JSON array, two-space indent.
std::string peers_document(const std::vector<Peer>& peers);

Result<void> write_peers_file(const std::filesystem::path& path, const std::vector<Peer>& peers);

}  // namespace spawn::spored
