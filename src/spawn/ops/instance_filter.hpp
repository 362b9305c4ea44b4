// `spawn list`'s filters, as a pure function over instances already fetched: each
// field left empty matches everything, the fields given must all match (AND).
// Tag filters compare against the instance's full tag set, so spawn's own tags
// (spawn:job-array-name, spawn:ttl, ...) are filterable like any other.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "spawn/ops/managed_instance.hpp"
#include "util/result.hpp"

namespace spawn::ops {

struct InstanceFilter {
  std::string state{};              // exact: "running"
  std::string instance_type{};      // exact: "m7i.large"
  std::string family{};             // the type before its first '.': "m7i"
  std::string name{};               // the Name tag, case-insensitively
  std::string availability_zone{};  // exact: "us-east-1a"
  std::string job_array_id{};
  std::string job_array_name{};
  std::vector<std::pair<std::string, std::string>> tags{};  // key, value: all must be present

  // Whether no field is set (so nothing can be filtered out).
  bool empty() const;
};

// "KEY=VALUE" split at the first '=' ("a=b=c" is key "a", value "b=c"). ErrorKind::usage
// for text without '=' or with an empty key.
Result<std::pair<std::string, std::string>> parse_tag_filter(std::string_view text);

// Whether `instance` passes every field of `filter`.
bool matches(const InstanceFilter& filter, const ManagedInstance& instance);

// The instances that pass, in their order.
std::vector<ManagedInstance> apply_filter(const InstanceFilter& filter,
                                          std::vector<ManagedInstance> instances);

}  // namespace spawn::ops
