// Every instance's IMDS: one listener per instance on its own 127.x address
// (port 0, so the endpoint is http://<ip>:<port>), all served by one Asio
// io_context on one thread, so an idle instance costs a listening socket and a
// few hundred bytes, not a thread. Beast stays inside imds_server.cpp.
//
// Locking: MetadataSource is called with no lock of ours held. Its
// shutdown_requested() (which makes EC2 call InstanceHost::halt or destroy, and
// so close()) runs on a separate callout thread, and close() never waits for the
// io thread, so neither side can deadlock the other.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "localcloud/instances/metadata_source.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::localcloud {

// Credentials from MetadataSource are served again until this long before they expire.
inline constexpr std::chrono::minutes kCredentialsRefreshMargin{5};

class ImdsServer {
 public:
  // `source` and `clock` must outlive the server. Starts the io and callout threads.
  ImdsServer(MetadataSource& source, const Clock& clock);
  // Closes every listener and joins the threads.
  ~ImdsServer();
  ImdsServer(const ImdsServer&) = delete;
  ImdsServer& operator=(const ImdsServer&) = delete;

  // Opens the instance's listener on `private_ip`, port 0, serving `user_data` at
  // /latest/user-data. Returns the endpoint, "http://<ip>:<port>". ErrorKind::usage for an
  // address that is not an IP, network when it cannot be bound, conflict when the instance
  // has a listener already.
  Result<std::string> open(std::string_view instance_id, std::string_view private_ip,
                           std::string user_data);
  // Closes the instance's listener and, as each finishes its request, its connections.
  // Returns at once; does nothing when the instance has no listener.
  void close(std::string_view instance_id);
  // The endpoint of an open listener.
  std::optional<std::string> endpoint(std::string_view instance_id) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace spawn::localcloud
