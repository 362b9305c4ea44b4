// What an instance's IMDS answers from: the EC2 emulation's view of that
// instance (read fresh on every request, so tags are current after CreateTags),
// credentials for its role, and the one thing an instance can ask of its host:
// to shut down (`shutdown -h now`, `poweroff` inside the sandbox).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "localcloud/auth/credential_store.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::localcloud {

struct InstanceMetadata {
  std::string instance_id;
  std::string instance_type;
  std::string image_id;
  std::string region;
  std::string availability_zone;
  std::string private_ip;
  std::string public_ip;     // "" when none
  std::string architecture;  // "x86_64" or "arm64"
  bool spot = false;         // InstanceLifecycle "spot": meta-data/instance-life-cycle says so
  SystemTime launch_time;
  bool tokens_required = true;   // MetadataOptions.HttpTokens == required
  bool endpoint_enabled = true;  // MetadataOptions.HttpEndpoint == enabled
  bool tags_enabled = false;     // MetadataOptions.InstanceMetadataTags == enabled
  std::map<std::string, std::string> tags;
  std::string role_name;  // role of the instance profile, "" when none
  // {"action": "terminate", "time": "..."} once a spot interruption is announced.
  std::optional<std::string> spot_instance_action;
};

class MetadataSource {
 public:
  virtual ~MetadataSource() = default;
  // The instance as it is now; nullopt once it is gone.
  virtual std::optional<InstanceMetadata> metadata(std::string_view instance_id) const = 0;
  // Temporary credentials for the instance's role (which localcloud accepts).
  virtual Result<AccessKey> role_credentials(std::string_view instance_id) = 0;
  // The instance asked to power off: stop or terminate it as its shutdown behaviour says.
  virtual void shutdown_requested(std::string_view instance_id) = 0;
};

}  // namespace spawn::localcloud
