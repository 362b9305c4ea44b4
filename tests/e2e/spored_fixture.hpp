// What the e2e tests of spored share: how an instance gets the real agent (the
// launch's own install lines, core/agent_install.hpp, fetching the built binary
// from a presigned S3 URL, with intervals of a second; an instance profile with the
// agent's policy), and how a test reads what the agent did: its state file and log
// inside the instance, the instance's state and tags outside. Files that matter
// after a test are kept past the instance's termination, which deletes its sandbox.
#pragma once

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/agent_install.hpp"
#include "localcloud_fixture.hpp"
#include "util/clock.hpp"

namespace spawn::e2e {

using integration::CloudSuite;
using integration::TestCloud;
using integration::wait_until;

// How long an agent may take to act on a limit of a few seconds: boot, download, start,
// the limit itself and the EC2 request (the machine is shared with builds and other tests).
inline constexpr std::chrono::seconds kActDeadline{45};

// `spored run` with intervals a test can wait for (the defaults are 5s, 60s and 60s).
inline constexpr std::string_view kFastRunFlags =
    "--check-interval 200ms --sample-interval 1s --config-interval 1s";

// The agent's files inside an instance.
inline constexpr std::string_view kSporedPath = "/usr/local/bin/spored";
inline constexpr std::string_view kStateFile = "/var/lib/spored/state.json";
inline constexpr std::string_view kLogFile = "/var/log/spored.log";

// One instance running the agent: its tags, and what its user-data does around the agent.
struct AgentInstance {
  std::vector<aws::Tag> tags{};                 // spawn:managed=true is always added
  std::string before_agent{};                   // shell run before spored is installed (as root)
  std::string after_agent{};                    // shell run once the unit has started
  std::string run_flags{kFastRunFlags};         // the flags of `spored run`
  std::vector<std::string> unit_environment{};  // Environment= values of the unit, "NAME=value"
  std::string instance_type{};                  // t3.micro when empty
  bool hibernation = false;                     // HibernationOptions Configured=true
  bool spot = false;                            // a one-time spot instance
  bool metadata_endpoint = true;                // false: HttpEndpoint=disabled, no IMDS at all
};

// What every instance of a suite gets the agent from; set up once per suite.
struct AgentSupply {
  AgentDownload download;        // presigned GET of the spored binary in the suite's bucket
  std::string instance_profile;  // a role with spawn::spored_role_policy()
};

// Why these tests cannot run here (empty when they can): they install the agent as root
// inside instances, which is only safe and possible in bubblewrap sandboxes run by root.
std::string why_agents_cannot_run();

// In a fixture's SetUp: skips the test when agents cannot run here, and fails it instead
// under CI (root with bubblewrap), where a missing prerequisite is a fault. The caller
// returns when the test was skipped or failed.
void require_agents();

// Uploads the spored binary, presigns it, and creates the instance role and profile.
Result<AgentSupply> supply_agent(TestCloud& cloud);

// Launches an instance that installs and starts spored, waits until the agent has
// started (its log exists) and keeps its log and console (see kept_file); its id.
Result<std::string> launch_agent(TestCloud& cloud, const AgentSupply& supply,
                                 const AgentInstance& instance);

// The instance's spored.log or console.log as kept by launch_agent ("" when not kept):
// still readable after the instance is gone.
std::string kept_file(TestCloud& cloud, const std::string& instance_id, std::string_view name);
std::string agent_log(TestCloud& cloud, const std::string& instance_id);
// The console and the agent's log, for failure messages.
std::string agent_report(TestCloud& cloud, const std::string& instance_id);

// The agent's state file, parsed; nullopt before its first write (or after termination).
std::optional<nlohmann::json> agent_state(TestCloud& cloud, const std::string& instance_id);
// Waits until the state file exists and `holds`; returns the last state read (null when none).
nlohmann::json wait_for_agent_state(TestCloud& cloud, const std::string& instance_id,
                                    const std::function<bool(const nlohmann::json&)>& holds,
                                    std::chrono::milliseconds timeout = kActDeadline);
// The member at JSON pointer `pointer` ("/config/ttl_ms"); null when there is none.
nlohmann::json member(const nlohmann::json& document, const std::string& pointer);
// A time member of the state file ("2026-11-27T18:00:00.250Z"); the epoch when it is not one.
SystemTime state_time(const nlohmann::json& value);
// One condition ("spot", "completion", "ttl", "idle") of the state's last decision:
// {"trigger", "enabled", "summary", "fires_at"}; null when there is none.
nlohmann::json condition_of(const nlohmann::json& state, std::string_view trigger);

// The instance's tag `key`, when it has one.
std::optional<std::string> tag_of(TestCloud& cloud, const std::string& instance_id,
                                  std::string_view key);
// The pids of the "spored ... starting (pid N)" lines of `log`, first seen first: one per
// run of the agent (the shim copies the agent's stderr into the same log, so lines repeat).
std::vector<std::string> agent_pids(const std::string& log);

// A suite whose tests launch instances running spored. Instances a test launched are
// terminated after it, so a busy one does not slow the next test down.
template <typename Suite>
class SporedSuite : public CloudSuite<Suite> {
 protected:
  using Cloud = CloudSuite<Suite>;

  static void SetUpTestSuite() {
    if (!why_agents_cannot_run().empty())
      return;
    Cloud::SetUpTestSuite();
    if (::testing::Test::HasFatalFailure())
      return;
    auto supply = supply_agent(Cloud::cloud());
    ASSERT_TRUE(supply) << "cannot supply the agent: " << supply.error().message;
    supply_ = std::move(*supply);
  }
  static void TearDownTestSuite() {
    supply_.reset();
    Cloud::TearDownTestSuite();
  }
  void SetUp() override {
    require_agents();
    if (this->IsSkipped() || this->HasFatalFailure())
      return;
    Cloud::SetUp();
    ASSERT_TRUE(supply_.has_value()) << "the agent was not supplied";
  }
  void TearDown() override {
    if (!launched_.empty())
      (void)Cloud::cloud().ec2().terminate_instances({.instance_ids = launched_});
  }

  Result<std::string> launch_agent(const AgentInstance& instance) {
    auto id = e2e::launch_agent(Cloud::cloud(), *supply_, instance);
    if (id)
      launched_.push_back(*id);
    return id;
  }

 private:
  inline static std::optional<AgentSupply> supply_;
  std::vector<std::string> launched_;
};

}  // namespace spawn::e2e
