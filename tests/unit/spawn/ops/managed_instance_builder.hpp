// ManagedInstance values for the instance tests, built in one line:
// managed("i-1", "running", launched).tagged("spawn:ttl", "4h").
#pragma once

#include <string>

#include "spawn/ops/managed_instance.hpp"

namespace spawn::testing {

// 2026-01-01 00:00:00 UTC: the tests' "now" and the launch times around it.
inline const SystemTime kTestNow{std::chrono::seconds(1'767'225'600)};

struct InstanceBuilder {
  ops::ManagedInstance value;

  InstanceBuilder& tagged(const std::string& key, const std::string& text) {
    value.instance.tags.push_back({key, text});
    value.tags[key] = text;
    return *this;
  }
  InstanceBuilder& type(const std::string& instance_type) {
    value.instance.instance_type = instance_type;
    return *this;
  }
  InstanceBuilder& zone(const std::string& availability_zone) {
    value.instance.availability_zone = availability_zone;
    return *this;
  }
  InstanceBuilder& spot() {
    value.instance.lifecycle = "spot";
    return *this;
  }
  InstanceBuilder& hibernation() {
    value.instance.hibernation_configured = true;
    return *this;
  }
  InstanceBuilder& public_ip(const std::string& address) {
    value.instance.public_ip = address;
    return *this;
  }
  operator ops::ManagedInstance() const { return value; }  // NOLINT: a builder converts
};

// A managed instance (spawn:managed=true) in us-east-1a, t3.micro, launched at `launched`.
inline InstanceBuilder managed(const std::string& id, const std::string& state,
                               SystemTime launched = kTestNow - std::chrono::hours(1)) {
  InstanceBuilder builder;
  builder.value.instance.instance_id = id;
  builder.value.instance.state.name = state;
  builder.value.instance.instance_type = "t3.micro";
  builder.value.instance.availability_zone = "us-east-1a";
  builder.value.instance.launch_time = launched;
  builder.value.region = "us-east-1";
  builder.tagged("spawn:managed", "true");
  return builder;
}

}  // namespace spawn::testing
