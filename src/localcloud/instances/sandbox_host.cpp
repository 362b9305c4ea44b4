#include "localcloud/instances/sandbox_host.hpp"

#include "localcloud/instances/imds_documents.hpp"

namespace spawn::localcloud {

EnvironmentList instance_environment(std::string_view api_endpoint, std::string_view region,
                                     std::string_view imds_endpoint) {
  return {{"AWS_EC2_METADATA_SERVICE_ENDPOINT", std::string(imds_endpoint) + "/"},
          {"AWS_ENDPOINT_URL", std::string(api_endpoint)},
          {"AWS_REGION", std::string(region)},
          {"AWS_DEFAULT_REGION", std::string(region)},
          {"AWS_PAGER", ""}};
}

SandboxHost::SandboxHost(std::filesystem::path state_dir, std::string api_endpoint,
                         MetadataSource& source, SandboxHostOptions options)
    : state_dir_(std::move(state_dir)),
      api_endpoint_(std::move(api_endpoint)),
      sandbox_(Sandbox::create(state_dir_, options.sandbox)),
      imds_(source, options.clock != nullptr ? *options.clock : system_clock_) {}

SandboxHost::~SandboxHost() = default;

Result<void> SandboxHost::boot(const BootSpec& spec) {
  if (!sandbox_) {
    return std::unexpected(sandbox_.error());
  }
  auto endpoint = imds_.open(spec.instance_id, spec.private_ip, spec.user_data);
  if (!endpoint) {
    return std::unexpected(endpoint.error());
  }
  auto started = (*sandbox_)->start(
      SandboxBoot{spec.instance_id, ec2_hostname(spec.private_ip, spec.region), spec.user_data,
                  spec.mode, instance_environment(api_endpoint_, spec.region, *endpoint)});
  if (!started) {
    imds_.close(spec.instance_id);
  }
  return started;
}

void SandboxHost::halt(std::string_view instance_id) {
  if (sandbox_) {
    (*sandbox_)->halt(instance_id);
  }
  imds_.close(instance_id);
}

void SandboxHost::freeze(std::string_view instance_id) {
  if (sandbox_) {
    (*sandbox_)->freeze(instance_id);
  }
}

void SandboxHost::thaw(std::string_view instance_id) {
  if (sandbox_) {
    (*sandbox_)->thaw(instance_id);
  }
}

void SandboxHost::destroy(std::string_view instance_id) {
  if (sandbox_) {
    (*sandbox_)->destroy(instance_id);
  }
  imds_.close(instance_id);
}

std::string SandboxHost::console_output(std::string_view instance_id) const {
  return sandbox_ ? (*sandbox_)->console_output(instance_id) : std::string();
}

std::optional<Isolation> SandboxHost::isolation() const {
  return sandbox_ ? std::optional((*sandbox_)->isolation()) : std::nullopt;
}

std::optional<std::string> SandboxHost::imds_endpoint(std::string_view instance_id) const {
  return imds_.endpoint(instance_id);
}

InstancePaths SandboxHost::paths(std::string_view instance_id) const {
  return instance_paths(state_dir_, instance_id);
}

}  // namespace spawn::localcloud
