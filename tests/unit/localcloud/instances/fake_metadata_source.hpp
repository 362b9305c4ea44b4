// A MetadataSource for tests: instances set by hand, credentials made up and
// counted, shutdown requests recorded.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "localcloud/instances/metadata_source.hpp"

namespace spawn::localcloud::test {

inline constexpr auto kLaunchTime = SystemTime(std::chrono::seconds(1'767'225'600));  // 2026-01-01

// An instance as EC2 would describe it, with its IMDS on `private_ip`.
inline InstanceMetadata instance_metadata(std::string id, std::string private_ip) {
  InstanceMetadata metadata;
  metadata.instance_id = std::move(id);
  metadata.instance_type = "t3.micro";
  metadata.image_id = "ami-0123456789abcdef0";
  metadata.region = "eu-west-1";
  metadata.availability_zone = "eu-west-1b";
  metadata.private_ip = std::move(private_ip);
  metadata.architecture = "x86_64";
  metadata.launch_time = kLaunchTime;
  metadata.role_name = "spawn-instance";
  metadata.tags = {{"Name", "worker"}, {"spawn:ttl", "2h"}};
  return metadata;
}

struct FakeMetadataSource : MetadataSource {
  void set(const InstanceMetadata& metadata) {
    std::lock_guard lock(mutex);
    instances[metadata.instance_id] = metadata;
  }

  std::optional<InstanceMetadata> metadata(std::string_view instance_id) const override {
    std::lock_guard lock(mutex);
    auto found = instances.find(std::string(instance_id));
    return found == instances.end() ? std::nullopt : std::optional(found->second);
  }

  Result<AccessKey> role_credentials(std::string_view instance_id) override {
    std::lock_guard lock(mutex);
    ++credentials_calls;
    return AccessKey{
        "ASIALOCALCLOUDROLE" + std::to_string(credentials_calls), "role/secret",
        "session-token-for-" + std::string(instance_id), credentials_expiry,
        "arn:aws:sts::123456789012:assumed-role/spawn-instance/" + std::string(instance_id)};
  }

  void shutdown_requested(std::string_view instance_id) override {
    std::lock_guard lock(mutex);
    shutdowns.emplace_back(instance_id);
  }

  int credential_calls() const {
    std::lock_guard lock(mutex);
    return credentials_calls;
  }
  std::vector<std::string> shutdown_requests() const {
    std::lock_guard lock(mutex);
    return shutdowns;
  }

  mutable std::mutex mutex;
  std::map<std::string, InstanceMetadata> instances;
  SystemTime credentials_expiry = std::chrono::system_clock::now() + std::chrono::hours(1);
  int credentials_calls = 0;
  std::vector<std::string> shutdowns;
};

}  // namespace spawn::localcloud::test
