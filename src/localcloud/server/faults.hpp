// Fault injection, set by `serve` flags or POST /_localcloud/faults: latency
// before every API answer, a share of requests failing with a chosen code, no
// capacity for an instance type and/or zone, and IAM propagation (EC2 not yet
// seeing an instance profile's new role). Thread-safe; read on every request.
#pragma once

#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "localcloud/api/api.hpp"
#include "util/result.hpp"

namespace spawn::localcloud {

// Where InsufficientInstanceCapacity is answered; an empty field matches anything.
struct CapacityFault {
  std::string instance_type;
  std::string availability_zone;
};

struct FaultSettings {
  std::chrono::milliseconds latency{0};
  double error_rate = 0;  // 0..1
  std::string error_code = "ServiceUnavailable";
  std::optional<CapacityFault> capacity;
  // How long after AddRoleToInstanceProfile RunInstances still refuses the profile, as
  // AWS does while IAM propagates (usually seconds).
  std::chrono::milliseconds iam_propagation{0};

  // Reads the admin API's JSON ({"latency_ms", "error_rate", "error_code",
  // "capacity_error": {"type", "zone"}, "iam_propagation_ms"}); fields left out keep
  // their defaults.
  static Result<FaultSettings> from_json(const nlohmann::json& body);
  nlohmann::json to_json() const;
};

// The codes an injected error may use, with AWS's HTTP status for each.
Result<int> injectable_error_status(std::string_view code);

class Faults {
 public:
  FaultSettings settings() const;
  // The injected latency alone: read on every request, so it copies nothing else.
  std::chrono::milliseconds latency() const;
  void set(FaultSettings settings);
  void clear() { set(FaultSettings{}); }
  // Draws against error_rate: the error to answer instead of the real one, if any.
  std::optional<ApiError> draw_error() const;
  // Whether RunInstances of `instance_type` in `zone` must fail for lack of capacity.
  bool capacity_exhausted(std::string_view instance_type, std::string_view zone) const;
  // How long a role added to an instance profile stays invisible to RunInstances.
  std::chrono::milliseconds iam_propagation() const;

 private:
  mutable std::mutex mutex_;
  FaultSettings settings_;
};

}  // namespace spawn::localcloud
