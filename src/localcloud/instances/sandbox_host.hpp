// The real InstanceHost: a Sandbox for the processes and an ImdsServer for the
// metadata, tied together at boot. The sandbox's environment points the tools
// inside at the instance's own IMDS and at localcloud's API, and carries no
// access keys: as on EC2, credentials come from the instance role through IMDS.
// Thread-safe: EC2 calls it from API threads and timers.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "localcloud/instances/imds_server.hpp"
#include "localcloud/instances/instance_host.hpp"
#include "localcloud/instances/metadata_source.hpp"
#include "localcloud/instances/sandbox.hpp"

namespace spawn::localcloud {

struct SandboxHostOptions {
  SandboxOptions sandbox;        // isolation: by default bubblewrap when it works here
  const Clock* clock = nullptr;  // for IMDS token expiry; nullptr: the system clock
};

// The variables an instance's processes get beyond the sandbox's own (HOME, PATH...):
// its IMDS endpoint ("http://<ip>:<port>"), localcloud's API and the region.
EnvironmentList instance_environment(std::string_view api_endpoint, std::string_view region,
                                     std::string_view imds_endpoint);

class SandboxHost final : public InstanceHost {
 public:
  // Sandboxes live under <state_dir>/instances; `api_endpoint` becomes AWS_ENDPOINT_URL
  // inside. `source` must outlive the host. Should the sandbox runtime fail to start
  // (bubblewrap insisted on but unusable), every boot fails with the reason.
  SandboxHost(std::filesystem::path state_dir, std::string api_endpoint, MetadataSource& source,
              SandboxHostOptions options = {});
  ~SandboxHost() override;

  Result<void> boot(const BootSpec& spec) override;
  void halt(std::string_view instance_id) override;
  void freeze(std::string_view instance_id) override;
  void thaw(std::string_view instance_id) override;
  void destroy(std::string_view instance_id) override;
  std::string console_output(std::string_view instance_id) const override;

  // How sandboxes are isolated here; nullopt when the runtime could not start.
  std::optional<Isolation> isolation() const;
  // The instance's IMDS endpoint while it is booted ("http://<ip>:<port>").
  std::optional<std::string> imds_endpoint(std::string_view instance_id) const;
  InstancePaths paths(std::string_view instance_id) const;

 private:
  std::filesystem::path state_dir_;
  std::string api_endpoint_;
  SystemClock system_clock_;
  Result<std::unique_ptr<Sandbox>> sandbox_;
  ImdsServer imds_;  // after sandbox_: its callouts may still halt sandboxes while it stops
};

}  // namespace spawn::localcloud
