// What every instance's IMDS answers from: the instance document as it is now
// (tags current after CreateTags, the spot notice once announced), credentials
// for the role of its instance profile, and the instance's own request to shut
// down, which only changes state and schedules the rest, so it never waits for
// the host that is serving the request.
#pragma once

#include "localcloud/instances/metadata_source.hpp"
#include "localcloud/services/ec2/ec2_lifecycle.hpp"

namespace spawn::localcloud {

// How long the credentials IMDS hands out stay valid.
inline constexpr std::chrono::hours kRoleCredentialLifetime{6};

class Ec2MetadataSource final : public MetadataSource {
 public:
  Ec2MetadataSource(const Ec2Context& context, InstanceLifecycle& lifecycle)
      : context_(context), lifecycle_(lifecycle) {}

  std::optional<InstanceMetadata> metadata(std::string_view instance_id) const override;
  Result<AccessKey> role_credentials(std::string_view instance_id) override;
  // Stops or terminates as InstanceInitiatedShutdownBehavior says; a stop is a plain stop
  // even for instances configured for hibernation, as on EC2.
  void shutdown_requested(std::string_view instance_id) override;

 private:
  // The instance's region and document, if it exists.
  std::optional<std::pair<std::string, Json>> find(std::string_view instance_id) const;

  const Ec2Context& context_;
  InstanceLifecycle& lifecycle_;
};

}  // namespace spawn::localcloud
