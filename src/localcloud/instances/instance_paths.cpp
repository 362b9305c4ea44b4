#include "localcloud/instances/instance_paths.hpp"

namespace spawn::localcloud {

std::filesystem::path InstancePaths::host_path(std::string_view inside) const {
  std::filesystem::path result = root;
  result += inside;
  return result;
}

InstancePaths instance_paths(const std::filesystem::path& state_dir, std::string_view instance_id) {
  auto dir = state_dir / "instances" / instance_id;
  return InstancePaths{dir, dir / "root", dir / "console.log"};
}

}  // namespace spawn::localcloud
