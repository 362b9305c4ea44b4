// What the launch tests share: a suite that owns a localcloud whose instances run the
// real agent (skipped with the reason where that cannot be, failing under CI), the
// instances a test launched terminated after it, and checks of what a launch left in
// the cloud, read the way a user would (EC2's answers and localcloud's request log).
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "localcloud_fixture.hpp"
#include "spored_fixture.hpp"

namespace spawn::e2e {

template <typename Suite>
class LaunchSuite : public integration::CloudSuite<Suite> {
 protected:
  using Cloud = integration::CloudSuite<Suite>;
  using Cloud::cloud;

  void SetUp() override {
    require_agents();
    if (this->IsSkipped() || this->HasFatalFailure())
      return;
    Cloud::SetUp();
  }
  void TearDown() override {
    if (!launched_.empty())
      (void)cloud().ec2().terminate_instances({.instance_ids = launched_});
  }
  void track(const std::string& instance_id) {
    if (!instance_id.empty())
      launched_.push_back(instance_id);
  }
  // Tracks every instance spawn launched that is not terminated yet.
  void track_all_launched();

 private:
  std::vector<std::string> launched_;
};

// Every non-terminated instance tagged spawn:managed=true.
std::vector<std::string> live_managed_instances(integration::TestCloud& cloud);

template <typename Suite>
void LaunchSuite<Suite>::track_all_launched() {
  for (const auto& id : live_managed_instances(cloud()))
    track(id);
}

// The operations in localcloud's request log that changed something: succeeded (a refused
// request or a DryRun changes nothing) and not a Describe, Get, List or Head; in order.
std::vector<std::string> mutating_operations(integration::TestCloud& cloud);

// Whether a security group named `name` exists in us-east-1.
bool security_group_exists(integration::TestCloud& cloud, const std::string& name);

// Checks what the launch promised on `instance_id`: spawn's tags (plus `tags`) on the
// instance, IMDSv2 required with instance tags exposed, terminate on shutdown, the imported
// key kept, SSH only from this machine.
void expect_promised_settings(integration::TestCloud& cloud, const std::string& instance_id,
                              const std::map<std::string, std::string>& tags);

// What the AWS CLI shows of the instance's root volume: encrypted gp3, tagged as spawn's.
// The instance must still exist (a terminated one's volume is gone).
void expect_promised_root_volume(integration::TestCloud& cloud, const std::string& instance_id);

}  // namespace spawn::e2e
