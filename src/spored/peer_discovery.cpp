#include "spored/peer_discovery.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <set>

#include "util/file.hpp"

namespace spawn::spored {

namespace {

std::optional<int> index_of(const aws::Instance& instance) {
  auto text = aws::tag_value(instance.tags, "spawn:job-array-index");
  int index = 0;
  if (!text || std::from_chars(text->data(), text->data() + text->size(), index).ec != std::errc{})
    return std::nullopt;
  return index;
}

Peer peer_of(const aws::Instance& instance, int index, const AgentConfig& config) {
  auto name = aws::tag_value(instance.tags, "Name").value_or("");
  std::string dns;
  if (!name.empty() && !config.account_base36.empty())
    dns = name + "." + config.account_base36 + ".spore.host";
  return Peer{index, instance.instance_id, instance.public_ip, instance.private_ip, dns};
}

}  // namespace

Result<std::vector<Peer>> discover_peers(aws::Ec2Client& ec2, const AgentConfig& config) {
  aws::DescribeRequest request;
  request.filters = {{"tag:spawn:job-array-id", {config.job_array.id}},
                     {"instance-state-name", {"pending", "running"}}};
  auto instances = ec2.describe_instances_all(request);
  if (!instances)
    return std::unexpected(instances.error());
  std::vector<Peer> peers;
  for (const auto& instance : *instances) {
    if (auto index = index_of(instance))
      peers.push_back(peer_of(instance, *index, config));
  }
  std::ranges::sort(peers, {}, &Peer::index);
  return peers;
}

bool peers_complete(const std::vector<Peer>& peers, int size) {
  std::set<int> indexes;
  for (const auto& peer : peers) {
    if (peer.private_ip.empty() || peer.index < 0 || peer.index >= size)
      return false;
    indexes.insert(peer.index);
  }
  return static_cast<int>(indexes.size()) == size && static_cast<int>(peers.size()) == size;
}

std::string peers_document(const std::vector<Peer>& peers) {
  auto document = nlohmann::json::array();
  for (const auto& peer : peers) {
    document.push_back({{"index", peer.index},
                        {"instance_id", peer.instance_id},
                        {"ip", peer.ip},
                        {"private_ip", peer.private_ip},
                        {"dns", peer.dns},
                        {"provider", "ec2"}});
  }
  return document.dump(2) + "\n";
}

Result<void> write_peers_file(const std::filesystem::path& path, const std::vector<Peer>& peers) {
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  return write_file_atomic(path, peers_document(peers));
}

}  // namespace spawn::spored
