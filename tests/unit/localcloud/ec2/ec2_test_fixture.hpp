// What the instance tests share: a fake host that records what the emulation asks
// of the machine, and an EC2 emulation over an in-memory (or file) store with
// short state-machine delays, driven through its real operation table.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "localcloud/auth/credential_store.hpp"
#include "localcloud/server/faults.hpp"
#include "localcloud/services/ec2/ec2_service.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud::testing {

struct HostCall {
  std::string action{};  // "boot", "halt", "freeze", "thaw", "destroy"
  std::string instance_id{};
  BootMode mode = BootMode::first;
  std::string user_data{};
  std::string private_ip{};
};

class FakeHost final : public InstanceHost {
 public:
  Result<void> boot(const BootSpec& spec) override;
  void halt(std::string_view instance_id) override { record({"halt", std::string(instance_id)}); }
  void freeze(std::string_view instance_id) override {
    record({"freeze", std::string(instance_id)});
  }
  void thaw(std::string_view instance_id) override { record({"thaw", std::string(instance_id)}); }
  void destroy(std::string_view instance_id) override {
    record({"destroy", std::string(instance_id)});
  }
  std::string console_output(std::string_view instance_id) const override {
    return "console of " + std::string(instance_id) + "\n";
  }

  std::vector<HostCall> calls() const;
  // The calls for one instance, as "boot", "halt", ...
  std::vector<std::string> actions_of(std::string_view instance_id) const;
  // Waits (up to a deadline) until `instance_id` has had `action` `times` times.
  bool wait_for(std::string_view instance_id, std::string_view action, int times = 1) const;

  bool fail_boots = false;

 private:
  void record(HostCall call);
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<HostCall> calls_;
};

// How long a test waits for something the scheduler does in milliseconds.
inline constexpr std::chrono::seconds kPatience{5};

// Polls `condition` until it holds or kPatience has passed.
bool eventually(const std::function<bool()>& condition);

struct Answer {
  int status = 0;
  std::string code;  // the error code, "" on success
  std::string body;
  pugi::xml_document xml;
  pugi::xml_node root() const { return xml.document_element(); }
};

class Ec2Test : public ::testing::Test {
 protected:
  // Fast delays for most tests; a test may change options before calling start().
  Ec2Test();
  ~Ec2Test() override;

  // Builds the emulation (called by the first call() when not called before).
  void start();
  // Drops the emulation and builds a new one over the same store (a restart).
  void restart();
  // Opens the store on a file instead of ":memory:" (before start()).
  void use_store_file(const std::filesystem::path& path);

  Answer call(std::string_view operation, std::string_view body,
              std::string_view region = "us-east-1");
  // RunInstances of one t3.micro with `extra` parameters; the instance ids launched.
  std::vector<std::string> launch(std::string_view extra = "", int count = 1,
                                  std::string_view region = "us-east-1");
  // The instance's document as stored.
  Json instance(std::string_view id, std::string_view region = "us-east-1") const;
  std::string state_of(std::string_view id) const;
  bool wait_for_state(std::string_view id, std::string_view state) const;
  // Stores an instance profile holding `role` (as the IAM service would).
  void add_instance_profile(std::string_view profile, std::string_view role);

  Ec2Options options;
  FakeHost host;
  SystemClock clock;
  Faults faults;
  std::unique_ptr<ResourceStore> store;
  std::unique_ptr<CredentialStore> credentials;
  std::unique_ptr<Ec2Emulation> ec2;

 private:
  std::filesystem::path store_path_ = ":memory:";
};

}  // namespace spawn::localcloud::testing
