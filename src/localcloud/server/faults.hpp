// Fault injection, set by `serve` flags or POST /_localcloud/faults: latency
// before every API answer, a share of requests failing with a chosen code, no
// capacity for an instance type and/or zone, IAM propagation (EC2 not yet seeing an
// instance profile's new role), refusals (the next requests of an operation denied, as
// a missing permission would), and lost answers (the work done, the answer lost on the
// way back, as a dropped connection leaves a caller). Thread-safe; read on every
// request.
#pragma once

#include <chrono>
#include <functional>
#include <map>
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

// How many times something happens to each operation, by name.
using OperationCounts = std::map<std::string, int, std::less<>>;

struct FaultSettings {
  std::chrono::milliseconds latency{0};
  double error_rate = 0;  // 0..1
  std::string error_code = "ServiceUnavailable";
  std::optional<CapacityFault> capacity;
  // How long after AddRoleToInstanceProfile RunInstances still refuses the profile, as
  // AWS does while IAM propagates (usually seconds).
  std::chrono::milliseconds iam_propagation{0};
  // Per operation ("CreateRole"), how many of its next requests are refused, and how
  // many of its next answers are lost.
  OperationCounts refused{};
  OperationCounts lost_answers{};

  // Reads the admin API's JSON ({"latency_ms", "error_rate", "error_code",
  // "capacity_error": {"type", "zone"}, "iam_propagation_ms", "refused": {"CreateRole": 1},
  // "lost_answers": {"RunInstances": 1}}); fields left out keep their defaults.
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
  // Whether this request of `operation` is refused, or its answer lost; each true uses up
  // one of the counts.
  bool take_refusal(std::string_view operation);
  bool take_lost_answer(std::string_view operation);

 private:
  bool take_one(OperationCounts& counts, std::string_view operation);

  mutable std::mutex mutex_;
  FaultSettings settings_;
};

}  // namespace spawn::localcloud
