// What the EC2 emulation asks of the machine when an instance changes state:
// boot a sandbox that runs the user-data with an IMDS endpoint of its own, stop
// or freeze its processes, and delete it. The real host (sandbox_host.cpp)
// uses bubblewrap and per-instance IMDS listeners; EC2's unit tests use a fake
// that records the calls.
#pragma once

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace spawn::localcloud {

// Whether the instance boots for the first time (user-data runs) or again after a stop
// (user-data runs again only when the script asks for it, see docs/localcloud.md).
enum class BootMode { first, again };

struct BootSpec {
  std::string instance_id;
  std::string region;
  std::string private_ip;  // the 127.x address its IMDS listens on
  std::string user_data;   // decoded script ("" when none)
  BootMode mode = BootMode::first;
};

class InstanceHost {
 public:
  virtual ~InstanceHost() = default;
  // Creates the sandbox (first boot), opens the instance's IMDS and starts its processes.
  virtual Result<void> boot(const BootSpec& spec) = 0;
  // Kills every process of the sandbox and closes its IMDS; files stay.
  virtual void halt(std::string_view instance_id) = 0;
  // Freezes every process (SIGSTOP); thaw() resumes them (SIGCONT).
  virtual void freeze(std::string_view instance_id) = 0;
  virtual void thaw(std::string_view instance_id) = 0;
  // Halts and deletes the sandbox's files.
  virtual void destroy(std::string_view instance_id) = 0;
  // What the instance has written to its console so far (user-data output).
  virtual std::string console_output(std::string_view instance_id) const = 0;
};

}  // namespace spawn::localcloud
