// The EC2 emulation: the EC2 service (query protocol) plus what the rest of
// localcloud needs from it — the metadata source behind every instance's IMDS,
// the link to the machine's sandboxes, and the admin actions (spot interruption,
// reset, restart recovery).
#pragma once

#include <chrono>
#include <expected>
#include <memory>
#include <string_view>

#include "localcloud/api/service.hpp"
#include "localcloud/instances/instance_host.hpp"
#include "localcloud/instances/metadata_source.hpp"

namespace spawn::localcloud {

// Whether every region has a default VPC (AWS accounts do, unless deleted).
enum class DefaultVpc { yes, no };

struct Ec2Options {
  // How long an instance stays pending before it is running (and stopping before stopped).
  std::chrono::milliseconds boot_delay{1000};
  // How long after a spot interruption notice the instance is stopped or terminated.
  std::chrono::milliseconds spot_interruption_delay{std::chrono::minutes(2)};
  // How long terminated instances stay visible to Describe calls.
  std::chrono::milliseconds terminated_retention{std::chrono::hours(1)};
  DefaultVpc default_vpc = DefaultVpc::yes;
};

class Ec2Emulation : public Service {
 public:
  // What every instance's IMDS answers from.
  virtual MetadataSource& metadata_source() = 0;
  // The machine's sandboxes; set once, before the first request (the host itself needs
  // metadata_source(), so it cannot be passed at construction).
  virtual void attach_host(InstanceHost& host) = 0;
  // Boots again the instances that were pending or running when localcloud stopped, and
  // re-arms the timers of those in transition.
  virtual void resume_after_restart() = 0;
  // Announces a spot interruption for the instance (IMDS spot/instance-action) and stops
  // or terminates it after the configured delay. InvalidInstanceID.NotFound when unknown.
  virtual std::expected<void, ApiError> announce_spot_interruption(
      std::string_view instance_id) = 0;
  // Halts every sandbox and stops the timers, keeping state (server shutdown).
  virtual void halt_all() = 0;
  // Destroys every sandbox (admin reset; the store is cleared by the caller).
  virtual void reset() = 0;
};

std::unique_ptr<Ec2Emulation> make_ec2_emulation(const ServiceDeps& deps,
                                                 const Ec2Options& options);

}  // namespace spawn::localcloud
