// One running localcloud: the state store, the services, the instance runtime
// and the HTTP endpoint, wired together. `spawn-localcloud serve` runs one;
// integration tests and benchmarks run one in-process on a free port.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "localcloud/server/faults.hpp"
#include "localcloud/services/ec2/ec2_service.hpp"
#include "util/result.hpp"

namespace spawn::localcloud {

struct LocalcloudOptions {
  std::filesystem::path state_dir;
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0 picks a free port
  Ec2Options ec2;
  FaultSettings faults;
  // Accepted long-term keys; the default test pair when empty.
  std::vector<std::pair<std::string, std::string>> access_keys;
};

class Localcloud {
 public:
  // Opens the state, boots again the instances that were running, and starts serving.
  static Result<std::unique_ptr<Localcloud>> start(const LocalcloudOptions& options);
  ~Localcloud();
  Localcloud(const Localcloud&) = delete;
  Localcloud& operator=(const Localcloud&) = delete;

  std::uint16_t port() const;
  // "http://127.0.0.1:PORT"
  std::string endpoint_url() const;
  // Stops serving and halts every sandbox; state stays on disk. Idempotent.
  void stop();

  struct Parts;

 private:
  explicit Localcloud(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace spawn::localcloud
