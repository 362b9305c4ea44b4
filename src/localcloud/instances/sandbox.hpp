// The sandboxes instances run in: per instance a root folder of its own under
// <state_dir>/instances/<id>/root, a boot that runs the user-data (see
// shims/boot.sh for the rule on later boots), and the means to stop, freeze and
// delete all of its processes. Isolation is bubblewrap's when it works here, else
// plain processes (logged once; see isolation.hpp).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "localcloud/instances/child_supervisor.hpp"
#include "localcloud/instances/host_layout.hpp"
#include "localcloud/instances/instance_host.hpp"
#include "localcloud/instances/instance_paths.hpp"
#include "localcloud/instances/isolation.hpp"
#include "localcloud/instances/process_tree.hpp"
#include "localcloud/instances/sandbox_command.hpp"
#include "util/result.hpp"

namespace spawn::localcloud {

// How long a stopping instance's processes get between SIGTERM and SIGKILL.
inline constexpr std::chrono::seconds kStopGrace{3};
// The most console output returned, as GetConsoleOutput's "most recent 64 KB".
inline constexpr std::size_t kConsoleOutputLimit = std::size_t{64} * 1024;

struct SandboxOptions {
  // nullopt: bubblewrap when it works here, else plain processes. A value insists on it:
  // bubblewrap that cannot work is then an error.
  std::optional<Isolation> isolation;
  std::chrono::milliseconds stop_grace = kStopGrace;
};

struct SandboxBoot {
  std::string instance_id;
  std::string hostname;  // what `hostname` prints inside
  std::string user_data;
  BootMode mode = BootMode::first;
  EnvironmentList environment;  // added to HOME, PATH and the sandbox's own variables
};

class Sandbox {
 public:
  static Result<std::unique_ptr<Sandbox>> create(std::filesystem::path state_dir,
                                                 SandboxOptions options = {});
  // Halts every sandbox still running; the files stay.
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  Isolation isolation() const { return isolation_; }

  // Prepares the root folder and starts the boot script. ErrorKind::conflict when the
  // instance is running already.
  Result<void> start(const SandboxBoot& boot);
  // Ends every process of the instance (kStopGrace, then SIGKILL) and waits until they are
  // gone. Nothing happens when it is not running.
  void halt(std::string_view instance_id);
  void freeze(std::string_view instance_id);
  void thaw(std::string_view instance_id);
  // Halts the instance and deletes its folder.
  void destroy(std::string_view instance_id);
  // The last kConsoleOutputLimit bytes of the console log; "" when there is none.
  std::string console_output(std::string_view instance_id) const;
  InstancePaths paths(std::string_view instance_id) const;
  // The instance's processes now (its top process first); empty when it is not running.
  std::vector<ProcessInfo> processes(std::string_view instance_id) const;

 private:
  // One per instance: operations on one instance are serialised, instances are independent.
  struct Slot {
    std::mutex mutex;
    std::optional<pid_t> top;  // the first process, while it has not been reaped
  };

  Sandbox(std::filesystem::path state_dir, SandboxOptions options, Isolation isolation,
          std::string bwrap_path, std::unique_ptr<ChildSupervisor> supervisor);
  std::shared_ptr<Slot> slot(std::string_view instance_id) const;
  // The slot's top process if it still runs; call with the slot locked.
  std::optional<pid_t> running_top(const Slot& slot) const;
  SandboxLaunch launch_for(const SandboxBoot& boot, const InstancePaths& paths,
                           const HostLayout& layout) const;
  Result<pid_t> start_top(const SandboxLaunch& launch, const InstancePaths& paths);
  void halt_locked(Slot& slot);

  std::filesystem::path state_dir_;
  SandboxOptions options_;
  Isolation isolation_;
  std::string bwrap_path_;
  std::unique_ptr<ChildSupervisor> supervisor_;
  mutable std::mutex slots_mutex_;
  mutable std::map<std::string, std::shared_ptr<Slot>, std::less<>> slots_;
};

}  // namespace spawn::localcloud
