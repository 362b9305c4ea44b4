#include "localcloud/server/faults.hpp"

#include <fmt/format.h>

#include <array>
#include <random>
#include <utility>

namespace spawn::localcloud {
namespace {

constexpr std::array<std::pair<std::string_view, int>, 6> kInjectable{{
    {"RequestLimitExceeded", 503},
    {"ServiceUnavailable", 503},
    {"InternalError", 500},
    {"Throttling", 400},
    {"ThrottlingException", 400},
    {"SlowDown", 503},
}};

// Reads {"Operation": count, ...} at `field` of the body, when it is there.
Result<void> read_counts(const nlohmann::json& body, const std::string& field,
                         OperationCounts& counts) {
  if (!body.contains(field))
    return {};
  const auto& given = body[field];
  if (!given.is_object())
    return fail(ErrorKind::usage, field + R"( must be an object like {"RunInstances": 1})");
  for (const auto& [operation, count] : given.items()) {
    if (!count.is_number_integer() || count.get<int>() < 0)
      return fail(ErrorKind::usage,
                  fmt::format("{}.{} must be a count, 0 or more", field, operation));
    counts[operation] = count.get<int>();
  }
  return {};
}

}  // namespace

Result<int> injectable_error_status(std::string_view code) {
  for (const auto& [name, status] : kInjectable) {
    if (name == code)
      return status;
  }
  return fail(ErrorKind::usage,
              "error_code must be one of RequestLimitExceeded, ServiceUnavailable, InternalError, "
              "Throttling, ThrottlingException, SlowDown");
}

Result<FaultSettings> FaultSettings::from_json(const nlohmann::json& body) {
  if (!body.is_object())
    return fail(ErrorKind::usage, "faults must be a JSON object");
  FaultSettings settings;
  if (body.contains("latency_ms")) {
    const auto& latency = body["latency_ms"];
    if (!latency.is_number() || latency.get<double>() < 0) {
      return fail(ErrorKind::usage, "latency_ms must be a number of milliseconds, 0 or more");
    }
    settings.latency = std::chrono::milliseconds(latency.get<std::int64_t>());
  }
  if (body.contains("error_rate")) {
    const auto& rate = body["error_rate"];
    if (!rate.is_number() || rate.get<double>() < 0 || rate.get<double>() > 1) {
      return fail(ErrorKind::usage, "error_rate must be a number between 0 and 1");
    }
    settings.error_rate = rate.get<double>();
  }
  if (body.contains("error_code")) {
    if (!body["error_code"].is_string())
      return fail(ErrorKind::usage, "error_code must be text");
    settings.error_code = body["error_code"].get<std::string>();
    if (auto status = injectable_error_status(settings.error_code); !status) {
      return std::unexpected(status.error());
    }
  }
  if (body.contains("capacity_error")) {
    const auto& capacity = body["capacity_error"];
    if (!capacity.is_object()) {
      return fail(ErrorKind::usage, "capacity_error must be an object with type and/or zone");
    }
    settings.capacity = CapacityFault{capacity.value("type", ""), capacity.value("zone", "")};
  }
  if (body.contains("iam_propagation_ms")) {
    const auto& delay = body["iam_propagation_ms"];
    if (!delay.is_number() || delay.get<double>() < 0) {
      return fail(ErrorKind::usage,
                  "iam_propagation_ms must be a number of milliseconds, 0 or more");
    }
    settings.iam_propagation = std::chrono::milliseconds(delay.get<std::int64_t>());
  }
  for (auto [field, counts] : {std::pair{"refused", &settings.refused},
                               std::pair{"lost_answers", &settings.lost_answers}}) {
    if (auto read = read_counts(body, field, *counts); !read)
      return std::unexpected(read.error());
  }
  return settings;
}

nlohmann::json FaultSettings::to_json() const {
  nlohmann::json body{{"latency_ms", latency.count()},
                      {"error_rate", error_rate},
                      {"error_code", error_code},
                      {"iam_propagation_ms", iam_propagation.count()},
                      {"refused", refused},
                      {"lost_answers", lost_answers}};
  if (capacity) {
    body["capacity_error"] = {{"type", capacity->instance_type},
                              {"zone", capacity->availability_zone}};
  }
  return body;
}

FaultSettings Faults::settings() const {
  std::lock_guard lock(mutex_);
  return settings_;
}

std::chrono::milliseconds Faults::latency() const {
  std::lock_guard lock(mutex_);
  return settings_.latency;
}

void Faults::set(FaultSettings settings) {
  std::lock_guard lock(mutex_);
  settings_ = std::move(settings);
}

std::optional<ApiError> Faults::draw_error() const {
  FaultSettings current = settings();
  if (current.error_rate <= 0)
    return std::nullopt;
  thread_local std::mt19937_64 engine{std::random_device{}()};
  if (std::uniform_real_distribution<double>(0, 1)(engine) >= current.error_rate) {
    return std::nullopt;
  }
  int status = injectable_error_status(current.error_code).value_or(503);
  return ApiError{status, current.error_code, "Injected by localcloud fault settings."};
}

bool Faults::capacity_exhausted(std::string_view instance_type, std::string_view zone) const {
  FaultSettings current = settings();
  if (!current.capacity)
    return false;
  const CapacityFault& fault = *current.capacity;
  return (fault.instance_type.empty() || fault.instance_type == instance_type) &&
         (fault.availability_zone.empty() || fault.availability_zone == zone);
}

bool Faults::take_refusal(std::string_view operation) {
  return take_one(settings_.refused, operation);
}

bool Faults::take_lost_answer(std::string_view operation) {
  return take_one(settings_.lost_answers, operation);
}

bool Faults::take_one(OperationCounts& counts, std::string_view operation) {
  std::lock_guard lock(mutex_);
  auto found = counts.find(operation);
  if (found == counts.end() || found->second == 0)
    return false;
  --found->second;
  return true;
}

std::chrono::milliseconds Faults::iam_propagation() const {
  std::lock_guard lock(mutex_);
  return settings_.iam_propagation;
}

}  // namespace spawn::localcloud
